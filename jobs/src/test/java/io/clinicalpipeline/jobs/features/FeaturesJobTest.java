package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesJobTest {

  @TempDir static Path dir;
  static SparkSession spark;
  static Path out;

  @BeforeAll
  static void runJobOnSyntheticPopulation() {
    spark = SparkTestSession.get();
    DeidFixture.synthetic(160, 11).write(spark, dir.resolve("deid"));
    out = dir.resolve("features");
    int rc = FeaturesJob.run(new String[] {"--input", dir.resolve("deid").toString(), "--output", out.toString()});
    assertThat(rc).isZero();
  }

  @Test
  void run_defaultTask_writesEveryChannelAndBothManifests() throws IOException {
    for (String p : List.of("parquet/train", "parquet/validation", "parquet/test", "examples")) {
      assertThat(out.resolve(p).resolve("_SUCCESS")).as(p).exists();
    }
    for (String p : List.of("train", "validation", "test", "transform/test")) {
      assertThat(fileNames(out.resolve(p))).as(p).containsExactly("part-00000.csv");
    }
    assertThat(out.resolve("feature_manifest.json")).exists();
    assertThat(out.resolve(Manifest.FILE_NAME)).exists();
  }

  @Test
  void run_defaultTask_csvRowCountsEqualParquetRowCounts() throws IOException {
    for (String split : Splits.ALL) {
      long parquet = spark.read().parquet(out.resolve("parquet").resolve(split).toString()).count();
      assertThat(csvLines(out.resolve(split))).as(split).hasSize((int) parquet);
      assertThat(parquet).as(split).isPositive();
    }
    assertThat(csvLines(out.resolve("transform/test"))).hasSize(csvLines(out.resolve("test")).size());
  }

  @Test
  void run_defaultTask_csvColumnsMatchTheFeatureManifest() throws IOException {
    JsonNode fm = new ObjectMapper().readTree(out.resolve("feature_manifest.json").toFile());
    int features = fm.get("feature_count").asInt();
    assertThat(fm.get("features")).hasSize(features);
    List<String> train = csvLines(out.resolve("train"));
    assertThat(train.get(0).split(",", -1)).hasSize(features + 1);
    assertThat(train).allSatisfy(l -> assertThat(l).matches("[01],.*"));
    List<String> transform = csvLines(out.resolve("transform/test"));
    assertThat(transform.get(0).split(",", -1)).hasSize(features + 1);
    assertThat(transform.get(0)).matches("[0-9a-f]{32},.*");
    Dataset<Row> parquet = spark.read().parquet(out.resolve("parquet/train").toString());
    assertThat(parquet.columns()).hasSize(features + 2);
    assertThat(parquet.columns()[0]).isEqualTo("row_id");
    assertThat(parquet.columns()[1]).isEqualTo("label");
    assertThat(parquet.columns()[2]).isEqualTo(fm.get("features").get(0).get("name").asText());
    JsonNode age = fm.get("features").get(0);
    assertThat(age.get("train").get("rows").asLong()).isEqualTo(train.size());
  }

  @Test
  void run_defaultTask_reportsPrevalenceWithEnoughPositives() throws IOException {
    JsonNode all = new ObjectMapper().readTree(out.resolve("feature_manifest.json").toFile()).get("splits").get("all");
    assertThat(all.get("prevalence").asDouble()).isBetween(0.10, 0.60);
    assertThat(all.get("positives").asLong()).isGreaterThanOrEqualTo(100);
    Manifest m = Manifest.fromJson(Files.readString(out.resolve(Manifest.FILE_NAME)));
    assertThat(m.balanced()).isTrue();
    assertThat(m.attributes).containsKey("prevalence");
    assertThat(m.tables.get("examples").rowsOut).isEqualTo(all.get("examples").asLong());
  }

  @Test
  void run_defaultTask_examplesTableHasUniqueRowsAndOneSplitPerPatient() {
    Dataset<Row> examples = spark.read().parquet(out.resolve("examples").toString());
    assertThat(examples.columns()).containsExactlyElementsOf(FeatureSink.EXAMPLE_COLUMNS);
    assertThat(examples.select("row_id").distinct().count()).isEqualTo(examples.count());
    assertThat(examples.groupBy("patient_id").agg(countDistinct("split").as("n")).where(col("n").gt(1)).count()).isZero();
    long csvRows = 0;
    for (String split : Splits.ALL) {
      csvRows += spark.read().parquet(out.resolve("parquet").resolve(split).toString()).count();
    }
    assertThat(examples.count()).isEqualTo(csvRows);
  }

  @Test
  void run_sameInputTwice_writesByteIdenticalChannels() throws IOException {
    Path again = dir.resolve("features-again");
    int rc = FeaturesJob.run(new String[] {"--input", dir.resolve("deid").toString(), "--output", again.toString()});
    assertThat(rc).isZero();
    for (String p : List.of("train", "validation", "test", "transform/test")) {
      assertThat(csvLines(again.resolve(p))).as(p).isEqualTo(csvLines(out.resolve(p)));
    }
    assertThat(Files.readString(again.resolve("feature_manifest.json")))
        .isEqualTo(Files.readString(out.resolve("feature_manifest.json")));
  }

  @Test
  void run_unknownTask_exitsTwo() {
    int rc =
        FeaturesJob.run(new String[] {"--input", dir.resolve("deid").toString(), "--output", dir.resolve("x").toString(),
            "--task", "no-such-task"});
    assertThat(rc).isEqualTo(2);
  }

  /** Every file in a folder, hidden ones included: what SageMaker would upload from it. */
  static List<String> fileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  static List<String> csvLines(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }
}
