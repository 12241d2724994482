package io.clinicalpipeline.jobs.meds;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.features.DeidFixture;
import io.clinicalpipeline.jobs.features.FeaturesJob;
import io.clinicalpipeline.jobs.features.Splits;
import io.clinicalpipeline.jobs.features.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deid -> features equals deid -> meds-export -> features (--input-format meds). The one difference is the
 * patient id: the MEDS path's {@code patient_id} is {@code Long.toString(MedsIds.subjectId(pseudonym))}.
 * Observation values pass through MEDS's float32, so numbers agree to float precision, not bit for bit.
 */
class MedsRoundTripTest {

  /** float32 keeps 24 bits of mantissa: a relative error under 2^-24 per value, a little more after averaging. */
  static final double RELATIVE = 1e-6;

  @TempDir static Path dir;
  static SparkSession spark;
  static Path direct;
  static Path viaMeds;

  @BeforeAll
  static void runBothPaths() {
    spark = SparkTestSession.get();
    String deid = dir.resolve("deid").toString();
    DeidFixture.synthetic(160, 11).write(spark, dir.resolve("deid"));
    direct = dir.resolve("features-deid");
    viaMeds = dir.resolve("features-meds");
    String meds = dir.resolve("meds").toString();
    assertThat(FeaturesJob.run(new String[] {"--input", deid, "--output", direct.toString()})).isZero();
    assertThat(MedsExportJob.run(new String[] {"--input", deid, "--output", meds, "--features", direct.toString()}))
        .isZero();
    assertThat(FeaturesJob.run(new String[] {"--input", meds, "--input-format", "meds", "--output",
        viaMeds.toString()})).isZero();
  }

  @Test
  void roundTrip_featureManifests_listTheSameFeatures() throws IOException {
    assertThat(featureNames(viaMeds)).isNotEmpty().containsExactlyElementsOf(featureNames(direct));
  }

  @Test
  void roundTrip_everySplit_hasTheSameRowsLabelsAndFeatureValues() {
    for (String split : Splits.ALL) {
      List<Row> a = rows(direct.resolve("parquet").resolve(split));
      List<Row> b = rows(viaMeds.resolve("parquet").resolve(split));
      assertThat(b).as(split).hasSameSizeAs(a).isNotEmpty();
      String[] names = spark.read().parquet(direct.resolve("parquet").resolve(split).toString()).columns();
      for (int i = 0; i < a.size(); i++) {
        for (int c = 0; c < names.length; c++) {
          Object x = a.get(i).get(c);
          Object y = b.get(i).get(c);
          String at = split + " row " + i + " column " + names[c];
          if (x instanceof Double dx && y instanceof Double dy) {
            assertThat(dy).as(at).isCloseTo(dx, within(Math.max(1e-9, Math.abs(dx) * RELATIVE)));
          } else {
            assertThat(y).as(at).isEqualTo(x);
          }
        }
      }
    }
  }

  @Test
  void roundTrip_examples_differOnlyInThePatientIdWhichMapsToTheSubjectId() {
    Dataset<Row> a = spark.read().parquet(direct.resolve("examples").toString());
    Dataset<Row> b = spark.read().parquet(viaMeds.resolve("examples").toString());
    Map<String, Row> byRow = new HashMap<>();
    b.collectAsList().forEach(r -> byRow.put(r.getString(r.fieldIndex("row_id")), r));
    List<Row> rowsA = a.collectAsList();
    assertThat(byRow).hasSize(rowsA.size());
    List<String> columns = new ArrayList<>(List.of(a.columns()));
    columns.remove("patient_id");
    for (Row x : rowsA) {
      Row y = byRow.get(x.getString(x.fieldIndex("row_id")));
      assertThat(y).isNotNull();
      assertThat(y.getString(y.fieldIndex("patient_id")))
          .isEqualTo(Long.toString(MedsIds.subjectId(x.getString(x.fieldIndex("patient_id")))));
      for (String c : columns) {
        assertThat((Object) y.get(y.fieldIndex(c))).as(c).isEqualTo(x.get(x.fieldIndex(c)));
      }
    }
  }

  @Test
  void roundTrip_labelsInMedsForm_matchTheExamples() {
    Dataset<Row> examples = spark.read().parquet(direct.resolve("examples").toString());
    Dataset<Row> labels = spark.read().parquet(dir.resolve("meds/labels").resolve(TaskSpec.DEFAULT).toString());
    assertThat(labels.count()).isEqualTo(examples.count());
    assertThat(labels.where(col("boolean_value")).count()).isEqualTo(examples.where(col("label").equalTo(1)).count());
  }

  static List<Row> rows(Path parquet) {
    return spark.read().parquet(parquet.toString()).orderBy("row_id").collectAsList();
  }

  static List<String> featureNames(Path features) throws IOException {
    JsonNode fm = new ObjectMapper().readTree(features.resolve("feature_manifest.json").toFile());
    List<String> names = new ArrayList<>();
    fm.get("features").forEach(f -> names.add(f.get("name").asText()));
    return names;
  }
}
