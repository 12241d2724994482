package io.clinicalpipeline.jobs.ingest;

import static io.clinicalpipeline.jobs.ingest.IngestTransform.DUPLICATE_ID;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.INVALID_BASE64;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.INVALID_JSON;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.MISSING_FIELDS;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.UNTERMINATED_QUOTE;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.MISSING;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.MISSING_ENCOUNTER;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.MISSING_PATIENT;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.NOT_AN_INTEGER;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.NOT_A_DATE;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.NOT_A_NUMBER;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.NOT_A_TIMESTAMP;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.UNATTRIBUTED_NOTE;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.UNKNOWN_CODE_SYSTEM;
import static io.clinicalpipeline.jobs.ingest.IngestTransform.WRONG_RESOURCE_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed records are never dropped silently: each lands in the quarantine table with its file, record
 * number, field and a reason that quotes nothing from the data, and the manifest's counts add up. These
 * inputs are mostly bad, so they run with {@code --max-quarantine-share 1} (the share limit is tested in
 * {@link IngestBadInputTest}).
 */
class IngestQuarantineTest {

  static final String P1 = "11111111-1111-1111-1111-111111111111";
  static final String P2 = "22222222-2222-2222-2222-222222222222";

  @Test
  void badCsv_eachRecordQuarantinedWithFileLineFieldAndReason(@TempDir Path tmp) {
    Path in = tmp.resolve("in");
    badCsv(in);
    Path out = tmp.resolve("out");
    assertThat(IngestJob.run(lenient(in, out, "auto"))).isZero();

    assertThat(quarantine(out))
        .containsExactlyInAnyOrder(
            "patients|csv/patients.csv.gz|4|birth_date|" + NOT_A_DATE,
            "patients|csv/patients.csv.gz|5|LAST|" + MISSING_FIELDS,
            "patients|csv/patients.csv.gz|6|patient_id|" + DUPLICATE_ID,
            "patients|csv/patients.csv.gz|7|patient_id|" + MISSING,
            "encounters|csv/encounters.csv|4|encounter_id|" + MISSING,
            "encounters|csv/encounters.csv|5|start_time|" + NOT_A_TIMESTAMP,
            "encounters|csv/encounters.csv|6|patient_id|" + MISSING_PATIENT,
            "conditions|csv/conditions.csv|3|patient_id|" + MISSING_PATIENT,
            "conditions|csv/conditions.csv|4|code_system|" + UNKNOWN_CODE_SYSTEM,
            "observations|csv/observations.csv|3|value_numeric|" + NOT_A_NUMBER,
            "observations|csv/observations.csv|4|encounter_id|" + MISSING_ENCOUNTER,
            "observations|csv/observations.csv|5|DATE|" + UNTERMINATED_QUOTE,
            "observations|csv/observations.csv|7|code_system|" + UNKNOWN_CODE_SYSTEM,
            "medications|csv/medications.csv|3|dispenses|" + NOT_AN_INTEGER,
            "notes|notes/*_" + P2 + ".txt|2|encounter_id|" + UNATTRIBUTED_NOTE);

    Manifest m = Manifest.fromJson(IngestCrossFormatTest.read(out.resolve(Manifest.FILE_NAME)));
    assertThat(m.balanced()).isTrue();
    assertCounts(m, RawSchemas.PATIENTS, 6, 2, 4);
    assertCounts(m, RawSchemas.ENCOUNTERS, 5, 2, 3);
    assertCounts(m, RawSchemas.CONDITIONS, 3, 1, 2);
    assertCounts(m, RawSchemas.OBSERVATIONS, 5, 1, 4);
    assertCounts(m, RawSchemas.MEDICATIONS, 2, 1, 1);
    assertCounts(m, RawSchemas.PROCEDURES, 1, 1, 0);
    assertCounts(m, RawSchemas.NOTES, 2, 1, 1);
    assertThat(m.attributes).containsEntry("format", "csv");
  }

  @Test
  void badFhir_eachRecordQuarantinedWithFileLineFieldAndReason(@TempDir Path tmp) {
    Path in = tmp.resolve("in");
    String patient =
        "{\"resourceType\":\"Patient\",\"id\":\"" + P1 + "\",\"gender\":\"female\",\"birthDate\":\"1980-01-02\"}";
    gzip(
        in.resolve("fhir/Patient.ndjson.gz"),
        patient,
        "{\"resourceType\":\"Patient\",\"id\":",
        "{\"resourceType\":\"Observation\",\"id\":\"x\"}",
        "{\"resourceType\":\"Patient\",\"id\":\"p5\",\"birthDate\":\"02/01/1980\"}");
    write(
        in.resolve("fhir/Encounter.ndjson"),
        "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"class\":{\"code\":\"AMB\"},"
            + "\"subject\":{\"reference\":\"Patient/" + P1 + "\"},"
            + "\"period\":{\"start\":\"2020-01-01T10:00:00+00:00\",\"end\":\"2020-01-01T11:00:00+00:00\"}}",
        "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"subject\":{\"reference\":\"Patient/" + P1 + "\"},"
            + "\"period\":{\"start\":\"2020-01-01T10:00:00+00:00\"}}");
    write(
        in.resolve("fhir/Condition.ndjson"),
        condition("c1", "http://snomed.info/sct"),
        condition("c2", "http://example.org/codes"));
    write(
        in.resolve("fhir/Observation.ndjson"),
        observation("o1", "170"),
        observation("o2", "\"high\""),
        "{\"resourceType\":\"Observation\",\"id\":\"o3\",\"subject\":{\"reference\":\"Patient/" + P1 + "\"},"
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},"
            + "\"effectiveDateTime\":\"2020-01-01T10:00:00+00:00\",\"component\":["
            + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":120}},"
            + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},\"valueQuantity\":{\"value\":[80]}}]}");
    write(
        in.resolve("fhir/DocumentReference.ndjson"),
        document("d1", Base64.getEncoder().encodeToString("Patient is well.".getBytes(StandardCharsets.UTF_8))),
        document("d2", "@@not base64@@"));

    Path out = tmp.resolve("out");
    assertThat(IngestJob.run(lenient(in, out, "auto"))).isZero();

    assertThat(quarantine(out))
        .containsExactlyInAnyOrder(
            "patients|fhir/Patient.ndjson.gz|2|null|" + INVALID_JSON,
            "patients|fhir/Patient.ndjson.gz|3|resourceType|" + WRONG_RESOURCE_TYPE,
            "patients|fhir/Patient.ndjson.gz|4|birth_date|" + NOT_A_DATE,
            "encounters|fhir/Encounter.ndjson|2|encounter_id|" + DUPLICATE_ID,
            "conditions|fhir/Condition.ndjson|2|code_system|" + UNKNOWN_CODE_SYSTEM,
            "observations|fhir/Observation.ndjson|2|value_numeric|" + NOT_A_NUMBER,
            "observations|fhir/Observation.ndjson|3|value_numeric|" + NOT_A_NUMBER,
            "notes|fhir/DocumentReference.ndjson|2|text|" + INVALID_BASE64);

    Manifest m = Manifest.fromJson(IngestCrossFormatTest.read(out.resolve(Manifest.FILE_NAME)));
    assertThat(m.balanced()).isTrue();
    assertCounts(m, RawSchemas.PATIENTS, 4, 1, 3);
    assertCounts(m, RawSchemas.ENCOUNTERS, 2, 1, 1);
    assertCounts(m, RawSchemas.CONDITIONS, 2, 1, 1);
    assertCounts(m, RawSchemas.OBSERVATIONS, 4, 2, 2);
    assertCounts(m, RawSchemas.MEDICATIONS, 0, 0, 0);
    assertCounts(m, RawSchemas.NOTES, 2, 1, 1);
    Row note = SparkTestSession.get().read().parquet(out.resolve(RawSchemas.NOTES).toString()).first();
    assertThat(note.<String>getAs("text")).isEqualTo("Patient is well.");
    assertThat(m.attributes).containsEntry("format", "fhir");
  }

  @Test
  void run_sameInputTwice_writesByteIdenticalTables(@TempDir Path tmp) throws IOException {
    Path in = tmp.resolve("in");
    badCsv(in);
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    assertThat(IngestJob.run(lenient(in, first, "csv"))).isZero();
    assertThat(IngestJob.run(lenient(in, second, "csv"))).isZero();
    for (String table : List.of(RawSchemas.PATIENTS, RawSchemas.OBSERVATIONS, RawSchemas.NOTES, RawSchemas.QUARANTINE)) {
      assertThat(partFiles(second.resolve(table))).as(table).isEqualTo(partFiles(first.resolve(table)));
    }
  }

  /** Part number → bytes of each Parquet file of a table (file names carry a random job id). */
  private static java.util.Map<String, String> partFiles(Path table) throws IOException {
    java.util.Map<String, String> parts = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> files = Files.list(table)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).collect(Collectors.toList())) {
        String part = f.getFileName().toString().substring(0, "part-00000".length());
        parts.put(part, java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
      }
    }
    assertThat(parts).isNotEmpty();
    return parts;
  }

  /** A small Synthea-shaped CSV export with one bad record of each kind the CSV reader can meet. */
  static void badCsv(Path in) {
    gzip(
        in.resolve("csv/patients.csv.gz"),
        "Id,BIRTHDATE,DEATHDATE,FIRST,LAST,GENDER",
        P1 + ",1980-01-02,,Ann,Alpha,F",
        P2 + ",1975-05-06,,Bob,Beta,M",
        "p3,1980-13-45,,Cid,Gamma,M",
        "p4,1990-01-01,Dan,Delta",
        P1 + ",1980-01-02,,Ann,Alpha,F",
        ",1990-01-01,,Eve,Eps,F");
    write(
        in.resolve("csv/encounters.csv"),
        "Id,START,STOP,PATIENT,ENCOUNTERCLASS,CODE,DESCRIPTION",
        "e1,2020-01-01T10:00:00Z,2020-01-01T11:00:00Z," + P1 + ",wellness,410620009,Well visit",
        "e2,2020-02-01T10:00:00Z,2020-02-01T11:00:00Z," + P2 + ",ambulatory,185349003,Check up",
        ",2020-03-01T10:00:00Z,," + P1 + ",wellness,1,x",
        "e4,yesterday,," + P1 + ",wellness,1,x",
        "e5,2020-03-01T10:00:00Z,,p3,wellness,1,x");
    write(
        in.resolve("csv/conditions.csv"),
        "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION",
        "2020-01-01,," + P1 + ",e1,http://snomed.info/sct,44054006,Diabetes",
        "2020-01-01,,p9,e1,http://snomed.info/sct,44054006,Diabetes",
        "2020-01-01,," + P1 + ",e1,http://example.org/codes,X1,Other");
    write(
        in.resolve("csv/observations.csv"),
        "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE",
        "2020-01-01T10:00:00Z," + P1 + ",e1,vital-signs,8302-2,Body Height,170.0,cm,numeric",
        "2020-01-01T10:00:00Z," + P1 + ",e1,vital-signs,8302-2,Body Height,tall,cm,numeric",
        "2020-01-01T10:00:00Z," + P1 + ",e404,vital-signs,8302-2,Body Height,1.0,cm,numeric",
        "\"2020-01-01T10:00:00Z," + P1 + ",e1,vital-signs,8302-2,Body Height,1.0,cm,numeric",
        "",
        "2020-01-01T10:00:00Z," + P1 + ",e1,,QALY,QALY,20.0,a,numeric");
    write(
        in.resolve("csv/medications.csv"),
        "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION,DISPENSES",
        "2020-01-01T10:00:00Z,," + P1 + ",e1,313782,Acetaminophen,1",
        "2020-01-01T10:00:00Z,," + P1 + ",e1,313782,Acetaminophen,many");
    write(
        in.resolve("csv/procedures.csv"),
        "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION",
        "2020-02-01T10:00:00Z,2020-02-01T10:30:00Z," + P2 + ",e2,http://snomed.info/sct,430193006,Review");
    // Newest note first, as Synthea writes them; the second has no encounter to belong to.
    write(
        in.resolve("notes/Bob_Beta_" + P2 + ".txt"),
        "\n2020-02-01\n\n# Chief Complaint\nNo complaints.\n\n\n\n2019-01-01\n\n# Chief Complaint\nCough.\n\n\n");

  }

  private static String condition(String id, String system) {
    return "{\"resourceType\":\"Condition\",\"id\":\"" + id + "\",\"subject\":{\"reference\":\"Patient/" + P1
        + "\"},\"encounter\":{\"reference\":\"Encounter/e1\"},\"code\":{\"coding\":[{\"system\":\"" + system
        + "\",\"code\":\"44054006\",\"display\":\"Diabetes\"}]},\"onsetDateTime\":\"2020-01-01T10:00:00+00:00\"}";
  }

  private static String observation(String id, String value) {
    return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"subject\":{\"reference\":\"Patient/" + P1
        + "\"},\"encounter\":{\"reference\":\"Encounter/e1\"},\"code\":{\"coding\":[{\"system\":"
        + "\"http://loinc.org\",\"code\":\"8302-2\",\"display\":\"Body Height\"}]},"
        + "\"effectiveDateTime\":\"2020-01-01T10:00:00+00:00\",\"valueQuantity\":{\"value\":" + value
        + ",\"unit\":\"cm\"}}";
  }

  private static String document(String id, String data) {
    return "{\"resourceType\":\"DocumentReference\",\"id\":\"" + id + "\",\"subject\":{\"reference\":\"Patient/"
        + P1 + "\"},\"type\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"34117-2\"}]},"
        + "\"date\":\"2020-01-01T10:00:00+00:00\",\"context\":{\"encounter\":[{\"reference\":\"Encounter/e1\"}]},"
        + "\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"" + data + "\"}}]}";
  }

  /** Arguments that never fail on the quarantined share. */
  static String[] lenient(Path in, Path out, String format) {
    List<String> args = new java.util.ArrayList<>(List.of(IngestCrossFormatTest.args(in, out, format)));
    args.addAll(List.of("--max-quarantine-share", "1"));
    return args.toArray(new String[0]);
  }

  private static void assertCounts(Manifest m, String table, long in, long out, long quarantined) {
    Manifest.TableCounts c = m.tables.get(table);
    assertThat(List.of(c.rowsIn, c.rowsOut, c.rowsQuarantined)).as(table).containsExactly(in, out, quarantined);
  }

  /** Quarantine rows as {@code table|file|record|field|reason}. */
  static List<String> quarantine(Path out) {
    return SparkTestSession.get().read().parquet(out.resolve(RawSchemas.QUARANTINE).toString()).collectAsList().stream()
        .map(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getLong(2) + "|" + r.getString(3) + "|" + r.getString(4))
        .collect(Collectors.toList());
  }

  static void write(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void gzip(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
        o.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
