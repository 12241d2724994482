package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same patients read from Synthea CSV and from FHIR bulk NDJSON give the same canonical tables: row
 * sets (multisets) are compared for every table, on every column except those one source does not carry.
 */
class IngestCrossFormatTest {

  /**
   * Columns only one source carries, or carries with other semantics; each excluded for a stated reason.
   */
  static final Map<String, List<String>> EXCLUDED =
      Map.of(
          RawSchemas.PATIENTS,
          // mrn, phone: FHIR only. county, fips: CSV only. marital_status: Synthea's FHIR writes S
          // ("never married") where its CSV leaves the field empty.
          List.of("mrn", "phone", "county", "fips", "marital_status"),
          // FHIR names practitioners by NPI, not by Synthea's provider id; payers are not on Encounter.
          RawSchemas.ENCOUNTERS, List.of("provider_id", "payer_id"),
          // MedicationRequest has no stop time and no dispense count.
          RawSchemas.MEDICATIONS, List.of("stop_time", "dispenses"),
          // The text files carry no note id; the CSV reader derives one from the encounter id.
          RawSchemas.NOTES, List.of("note_id"),
          // Compared separately, within the rounding of each source (CSV: 1 decimal; FHIR: 5 digits).
          RawSchemas.OBSERVATIONS, List.of("value_numeric"));

  static Stream<Path> sources() {
    List<Path> sources = new ArrayList<>();
    sources.add(Path.of("src/test/resources/ingest/synthea").toAbsolutePath());
    String root = System.getProperty("project.root");
    if (root != null) {
      Path sample = Path.of(root, "sample-data");
      if (Files.isDirectory(sample.resolve("csv")) && Files.isDirectory(sample.resolve("fhir"))) {
        sources.add(sample);
      }
    }
    return sources.stream();
  }

  @ParameterizedTest
  @MethodSource("sources")
  void csvAndFhir_samePatients_giveTheSameTables(Path source, @TempDir Path tmp) {
    SparkSession spark = SparkTestSession.get();
    Path csvOut = tmp.resolve("csv");
    Path fhirOut = tmp.resolve("fhir");
    assertThat(IngestJob.run(args(source, csvOut, "csv"))).isZero();
    assertThat(IngestJob.run(args(source, fhirOut, "fhir"))).isZero();

    for (String table : RawSchemas.TABLES) {
      Dataset<Row> fromCsv = spark.read().parquet(csvOut.resolve(table).toString());
      Dataset<Row> fromFhir = spark.read().parquet(fhirOut.resolve(table).toString());
      assertThat(fromCsv.schema()).as(table).isEqualTo(RawSchemas.of(table));
      assertThat(fromCsv.count()).as(table + " rows from CSV").isPositive();
      Column[] compared =
          Arrays.stream(RawSchemas.of(table).fieldNames())
              .filter(c -> !EXCLUDED.getOrDefault(table, List.of()).contains(c))
              .map(c -> col(c))
              .toArray(Column[]::new);
      Dataset<Row> a = fromCsv.select(compared);
      Dataset<Row> b = fromFhir.select(compared);
      assertThat(a.exceptAll(b).limit(5).collectAsList()).as(table + ": rows only in CSV").isEmpty();
      assertThat(b.exceptAll(a).limit(5).collectAsList()).as(table + ": rows only in FHIR").isEmpty();
    }
    assertObservationValuesAgree(spark, csvOut, fhirOut);

    Manifest csv = Manifest.fromJson(read(csvOut.resolve(Manifest.FILE_NAME)));
    Manifest fhir = Manifest.fromJson(read(fhirOut.resolve(Manifest.FILE_NAME)));
    assertThat(csv.balanced()).isTrue();
    assertThat(fhir.balanced()).isTrue();
    for (String table : RawSchemas.TABLES) {
      assertThat(csv.tables.get(table).rowsOut).as(table).isEqualTo(fhir.tables.get(table).rowsOut);
    }
    // The only rows Synthea's CSV has and FHIR lacks are its own QALY/DALY/QOLS measures, which carry no
    // code system: quarantined, not lost.
    Dataset<Row> quarantined = spark.read().parquet(csvOut.resolve(RawSchemas.QUARANTINE).toString());
    assertThat(quarantined.select("table_name", "field", "reason").distinct().collectAsList())
        .allSatisfy(
            r -> {
              assertThat(r.getString(0)).isEqualTo(RawSchemas.OBSERVATIONS);
              assertThat(r.getString(1)).isEqualTo("code_system");
              assertThat(r.getString(2)).isEqualTo(IngestTransform.UNKNOWN_CODE_SYSTEM);
            });
    assertThat(spark.read().parquet(fhirOut.resolve(RawSchemas.QUARANTINE).toString()).count()).isZero();
  }

  /** Numeric values pair up (same row otherwise) and agree within the rounding either source applies. */
  private static void assertObservationValuesAgree(SparkSession spark, Path csvOut, Path fhirOut) {
    String t = RawSchemas.OBSERVATIONS;
    Column[] key =
        Arrays.stream(RawSchemas.of(t).fieldNames())
            .filter(c -> !c.equals("value_numeric"))
            .map(c -> col(c))
            .toArray(Column[]::new);
    Dataset<Row> a = ranked(spark.read().parquet(csvOut.resolve(t).toString()), key).withColumnRenamed("value_numeric", "csv_value");
    Dataset<Row> b = ranked(spark.read().parquet(fhirOut.resolve(t).toString()), key).withColumnRenamed("value_numeric", "fhir_value");
    List<String> joinColumns = new ArrayList<>();
    for (Column c : key) {
      joinColumns.add(c.toString());
    }
    joinColumns.add("_rank");
    Dataset<Row> joined =
        a.join(b, scala.collection.JavaConverters.asScalaBuffer(joinColumns).toSeq(), "full_outer");
    assertThat(joined.count()).isEqualTo(a.count());
    Column bothNull = col("csv_value").isNull().and(col("fhir_value").isNull());
    Column close =
        abs(col("csv_value").minus(col("fhir_value")))
            .leq(lit(0.05 + 1e-9).plus(greatest(abs(col("csv_value")), abs(col("fhir_value"))).multiply(1e-4)));
    assertThat(joined.filter(bothNull.or(close.equalTo(true)).equalTo(false).or(bothNull.or(close).isNull())).limit(5).collectAsList())
        .as("observations whose numeric values differ beyond rounding")
        .isEmpty();
  }

  private static Dataset<Row> ranked(Dataset<Row> df, Column[] key) {
    return df.withColumn("_rank", row_number().over(Window.partitionBy(key).orderBy(col("value_numeric"))));
  }

  static String[] args(Path input, Path output, String format) {
    return new String[] {"--input", input.toString(), "--output", output.toString(), "--format", format};
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
