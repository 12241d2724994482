package io.clinicalpipeline.launch.sagemaker;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.quality.QualityStatus;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.quality.QualityJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model gate and the quality report speak one vocabulary: the definition's condition lists exactly the
 * {@link QualityStatus} labels that pass, and a report the real quality job writes is judged by that
 * condition as the status says (warnings pass, an error-level failure does not).
 */
class QualityGateTest {

  @TempDir Path tmp;

  static JsonNode qualityCondition() throws Exception {
    Definition d = DefinitionWriter.write(Fixtures.graph(Fixtures.exampleYaml()), Fixtures.jar(Files.createTempDirectory("jar"), "jar"), false);
    for (JsonNode c : Fixtures.step(d.json(), "CheckQualityAndAuc").at("/Arguments/Conditions")) {
      if (c.path("Type").asText().equals("In")) {
        return c;
      }
    }
    throw new AssertionError("no In condition on the quality status");
  }

  static List<String> values(JsonNode in) {
    List<String> out = new ArrayList<>();
    in.path("Values").forEach(v -> out.add(v.asText()));
    return out;
  }

  @Test
  void condition_testsTheReportsStatusField_forExactlyThePassingLabels() throws Exception {
    JsonNode in = qualityCondition();
    assertThat(in.at("/QueryValue/Std:JsonGet/Path").asText()).isEqualTo(DefinitionWriter.QUALITY_STATUS_PATH);
    assertThat(values(in)).containsExactly(QualityStatus.PASSED.label(), QualityStatus.PASSED_WITH_WARNINGS.label());
    for (QualityStatus s : QualityStatus.values()) {
      assertThat(values(in).contains(s.label())).as(s.name()).isEqualTo(s.passesGate());
    }
  }

  @Test
  void realReports_warningsPassTheCondition_errorsDoNot() throws Exception {
    List<String> passing = values(qualityCondition());
    JsonNode warned = runQuality("warning");
    JsonNode failed = runQuality("error");
    assertThat(warned.path(DefinitionWriter.QUALITY_STATUS_PATH).asText())
        .isEqualTo(QualityStatus.PASSED_WITH_WARNINGS.label());
    assertThat(passing).contains(warned.path(DefinitionWriter.QUALITY_STATUS_PATH).asText());
    assertThat(failed.path(DefinitionWriter.QUALITY_STATUS_PATH).asText()).isEqualTo(QualityStatus.FAILED.label());
    assertThat(passing).doesNotContain(failed.path(DefinitionWriter.QUALITY_STATUS_PATH).asText());
  }

  /** Runs the quality job's features checkpoint on 20 examples with one min-rows check of {@code level}. */
  private JsonNode runQuality(String level) throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path input = tmp.resolve("features-" + level);
    spark.range(20)
        .select(concat(lit("ex-"), col("id").cast("string")).as("row_id"), col("id").mod(2).cast("int").as("label"))
        .write().parquet(input.resolve("examples").toString());
    Path suite = tmp.resolve("suite-" + level + ".yaml");
    Files.writeString(suite, "replace: true\nchecks:\n"
        + "  - {name: examples.rows, table: examples, type: min-rows, category: completeness, min-rows: 1000, level: "
        + level + "}\n");
    Path out = tmp.resolve("quality-" + level);
    QualityJob.run(new String[] {"--checkpoint", "features", "--input", input.toString(), "--output", out.toString(),
        "--suite", suite.toString()});
    return new ObjectMapper().readTree(out.resolve(QualityJob.REPORT_JSON).toFile());
  }
}
