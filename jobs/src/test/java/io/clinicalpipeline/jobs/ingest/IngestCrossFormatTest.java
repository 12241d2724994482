package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
          // value_numeric: compared separately, within the rounding of each source (CSV: 1 decimal; FHIR: 5
          // digits). category: compared separately too, because FHIR gives blood-pressure components the
          // category of their panel, where Synthea's CSV keeps the component's own (an ICU diastolic reading
          // is "laboratory" in CSV and sits in a "vital-signs" panel in FHIR).
          RawSchemas.OBSERVATIONS, List.of("value_numeric", "category"));

  /**
   * Synthea's own survey codes ({@code X9999-0..2}, "Operative Status", "Priority Level") look like LOINC
   * codes but are not: its FHIR says {@code http://loinc.org}, its CSV names no system, and the CSV reader
   * recognises LOINC by form only, so the CSV side quarantines them (asserted below) where FHIR keeps them.
   * Both sides are compared without them.
   */
  static Dataset<Row> comparable(String table, Dataset<Row> rows) {
    if (!table.equals(RawSchemas.OBSERVATIONS)) {
      return rows;
    }
    return rows.filter(col("code").rlike(Canonical.LOINC_CODE).or(col("code_system").notEqual("LOINC")));
  }

  /** Codes FHIR carries only as components of the blood-pressure panel (85354-9). */
  static final List<String> PANEL_COMPONENT_CODES = List.of("8462-4", "8480-6");

  /**
   * The committed fixture (4 patients, CSV + FHIR + notes of one Synthea run) always, and the repository's
   * {@code sample-data/} whenever the build names the project root (it is larger; skip it with
   * {@code -Dingest.cross-format.sample-data=false}).
   */
  static Stream<Path> sources() {
    List<Path> sources = new ArrayList<>();
    sources.add(Path.of("src/test/resources/ingest/synthea").toAbsolutePath());
    SampleData.dir().ifPresent(sources::add);
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

    // The repository's sample-data has FHIR for a subset of its CSV patients: compare those.
    Object[] fhirPatients =
        spark.read().parquet(fhirOut.resolve(RawSchemas.PATIENTS).toString()).select("patient_id").collectAsList()
            .stream().map(r -> r.get(0)).toArray();
    for (String table : RawSchemas.TABLES) {
      Dataset<Row> fromCsv =
          comparable(
              table,
              spark.read().parquet(csvOut.resolve(table).toString()).filter(col("patient_id").isin(fhirPatients)));
      Dataset<Row> fromFhir = comparable(table, spark.read().parquet(fhirOut.resolve(table).toString()));
      assertThat(fromCsv.schema()).as(table).isEqualTo(RawSchemas.of(table));
      assertThat(fromFhir.schema()).as(table).isEqualTo(RawSchemas.of(table));
      Column[] compared =
          Arrays.stream(RawSchemas.of(table).fieldNames())
              .filter(c -> !EXCLUDED.getOrDefault(table, List.of()).contains(c))
              .map(c -> col(c))
              .toArray(Column[]::new);
      Map<Row, Long> a = counts(fromCsv.select(compared).collectAsList());
      Map<Row, Long> b = counts(fromFhir.select(compared).collectAsList());
      assertThat(a).as(table + " rows from CSV").isNotEmpty();
      assertThat(difference(a, b)).as(table + ": rows only in CSV").isEmpty();
      assertThat(difference(b, a)).as(table + ": rows only in FHIR").isEmpty();
    }
    assertObservationValuesAgree(spark, csvOut, fhirOut, fhirPatients);
    assertObservationCategoriesAgree(spark, csvOut, fhirOut, fhirPatients);

    Manifest csv = Manifest.fromJson(read(csvOut.resolve(Manifest.FILE_NAME)));
    Manifest fhir = Manifest.fromJson(read(fhirOut.resolve(Manifest.FILE_NAME)));
    assertThat(csv.balanced()).isTrue();
    assertThat(fhir.balanced()).isTrue();
    if (csv.tables.get(RawSchemas.PATIENTS).rowsOut == fhirPatients.length) {
      for (String table : RawSchemas.TABLES) {
        assertThat(csv.tables.get(table).rowsOut).as(table).isEqualTo(fhir.tables.get(table).rowsOut);
      }
    }
    // The only rows Synthea's CSV has and FHIR lacks are its own QALY/DALY/QOLS measures, which carry no
    // code system, and its X9999 survey codes (see comparable): quarantined, not lost.
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
  private static void assertObservationValuesAgree(
      SparkSession spark, Path csvOut, Path fhirOut, Object[] patients) {
    Map<Row, List<Double>> a = valuesByRest(spark, csvOut, patients);
    Map<Row, List<Double>> b = valuesByRest(spark, fhirOut, patients);
    assertThat(a.keySet()).isEqualTo(b.keySet());
    List<String> far = new ArrayList<>();
    a.forEach(
        (rest, csvValues) -> {
          List<Double> fhirValues = b.get(rest);
          for (int i = 0; i < csvValues.size(); i++) {
            Double x = csvValues.get(i);
            Double y = fhirValues.get(i);
            boolean agree =
                (x == null && y == null)
                    || (x != null && y != null && Math.abs(x - y) <= 0.05 + 1e-9 + 1e-4 * Math.max(Math.abs(x), Math.abs(y)));
            if (!agree) {
              far.add(rest.getAs("code") + ": " + x + " vs " + y);
            }
          }
        });
    assertThat(far).as("observations whose numeric values differ beyond rounding").isEmpty();
  }

  /** Categories agree row for row, except for the panel components whose category FHIR does not carry. */
  private static void assertObservationCategoriesAgree(
      SparkSession spark, Path csvOut, Path fhirOut, Object[] patients) {
    Column[] key = {col("patient_id"), col("encounter_id"), col("code"), col("effective_time"), col("category")};
    Map<Row, Long> a = counts(notPanelComponents(spark, csvOut, patients).select(key).collectAsList());
    Map<Row, Long> b = counts(notPanelComponents(spark, fhirOut, patients).select(key).collectAsList());
    assertThat(a).isNotEmpty();
    assertThat(difference(a, b)).as("observation categories only in CSV").isEmpty();
    assertThat(difference(b, a)).as("observation categories only in FHIR").isEmpty();
  }

  private static Dataset<Row> notPanelComponents(SparkSession spark, Path out, Object[] patients) {
    return observations(spark, out, patients)
        .filter(col("code").isin(PANEL_COMPONENT_CODES.toArray()).unary_$bang());
  }

  /** The comparable observations of {@code patients} in one ingest output. */
  private static Dataset<Row> observations(SparkSession spark, Path out, Object[] patients) {
    return comparable(
        RawSchemas.OBSERVATIONS,
        spark.read().parquet(out.resolve(RawSchemas.OBSERVATIONS).toString()).filter(col("patient_id").isin(patients)));
  }

  /** Observation values grouped by all other columns but the category, sorted (nulls first). */
  private static Map<Row, List<Double>> valuesByRest(SparkSession spark, Path out, Object[] patients) {
    Dataset<Row> df = observations(spark, out, patients);
    Column[] rest =
        Arrays.stream(df.columns())
            .filter(c -> !c.equals("value_numeric") && !c.equals("category"))
            .map(c -> col(c))
            .toArray(Column[]::new);
    Map<Row, List<Double>> byRest = new HashMap<>();
    for (Row r : df.select(col("value_numeric"), struct(rest).as("rest")).collectAsList()) {
      byRest.computeIfAbsent(r.getStruct(1), k -> new ArrayList<>()).add(r.isNullAt(0) ? null : r.getDouble(0));
    }
    byRest.values().forEach(v -> v.sort(Comparator.nullsFirst(Comparator.naturalOrder())));
    return byRest;
  }

  private static Map<Row, Long> counts(List<Row> rows) {
    Map<Row, Long> counts = new HashMap<>();
    rows.forEach(r -> counts.merge(r, 1L, Long::sum));
    return counts;
  }

  /** Rows of {@code a} (with multiplicity) not matched in {@code b}; at most 5, as text. */
  private static List<String> difference(Map<Row, Long> a, Map<Row, Long> b) {
    return a.entrySet().stream()
        .filter(e -> e.getValue() > b.getOrDefault(e.getKey(), 0L))
        .limit(5)
        .map(e -> e.getKey().toString())
        .collect(Collectors.toList());
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
