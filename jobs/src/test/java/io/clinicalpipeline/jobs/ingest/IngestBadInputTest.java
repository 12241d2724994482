package io.clinicalpipeline.jobs.ingest;

import static io.clinicalpipeline.jobs.ingest.BadInputFixture.assertBalanced;
import static io.clinicalpipeline.jobs.ingest.BadInputFixture.copy;
import static io.clinicalpipeline.jobs.ingest.BadInputFixture.dataLines;
import static io.clinicalpipeline.jobs.ingest.BadInputFixture.run;
import static io.clinicalpipeline.jobs.ingest.BadInputFixture.unzip;
import static io.clinicalpipeline.jobs.ingest.BadInputFixture.write;
import static io.clinicalpipeline.jobs.ingest.BadInputFixture.writeBytes;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.ingest.BadInputFixture.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input sweep: each kind of damaged input, made from the committed fixture, gets an exit code, a
 * message naming file, line (or record) and field without quoting the data, and rows in = rows out +
 * quarantined. Outcomes are listed in jobs/README.md ("Bad input").
 *
 * <p>To keep it fast, the kinds that are quarantined record by record share one damaged CSV input and one
 * damaged FHIR input, each ingested once ({@link #ingestDamagedInputs}); every kind still has its own test
 * of its own records. Kinds that fail the job, or fail it early, get an input of their own.
 */
class IngestBadInputTest {

  /** A value no fixture file holds: it must never reach the console. */
  static final String SECRET = "Zyxwv4711";
  static final String OBSERVATIONS = "csv/observations.csv";

  @TempDir static Path shared;
  static Outcome csv;
  static Outcome fhir;
  static List<String> obs;
  static List<String> conditions;
  static List<String> encounters;
  static List<String> meds;
  static List<String> fhirObs;
  static final String NOTE_PATIENT = "02e1f643-e03c-8a20-3f1e-9653d08b165a";

  /** One CSV and one FHIR input, each with one damaged record of every kind that is quarantined. */
  @BeforeAll
  static void ingestDamagedInputs() throws IOException {
    Path in = copy(shared.resolve("csv"));
    // UTF-8 byte order mark before the header; an optional column (MAIDEN) missing; bad bytes in a column
    // the model does not read (INCOME).
    List<String> patients = unzip(in.resolve("csv"), "patients.csv");
    patients = new ArrayList<>(patients.stream().map(l -> dropField(l, 11)).toList());
    patients.set(1, setField(patients.get(1), 26, "LATIN1MARK"));
    patients.set(0, NumberedLines.BOM + patients.get(0));
    writeBytes(in.resolve("csv/patients.csv"), latin1(patients));

    obs = unzip(in.resolve("csv"), "observations.csv");
    obs.set(1, setField(setField(obs.get(1), 6, SECRET), 8, "numeric"));
    obs.set(2, setField(obs.get(2), 0, "2025-04-09 20:01:02"));
    obs.set(3, setField(obs.get(3), 0, "04/09/2025 20:01"));
    obs.set(10, setField(obs.get(10), 5, "\"" + SECRET));
    obs.set(20, obs.get(20) + "," + SECRET);
    obs.set(30, dropField(obs.get(30), 8));
    obs.set(50, setField(obs.get(50), 5, "LATIN1MARK"));
    // An extra column nobody reads, on every line: ignored.
    obs = new ArrayList<>(obs.stream().map(l -> l + ",x").toList());
    obs.set(0, obs.get(0).replaceFirst(",x$", ",EXTRA"));
    writeBytes(in.resolve(OBSERVATIONS), latin1(obs));

    conditions = unzip(in.resolve("csv"), "conditions.csv");
    String[] starts = {"2001-2-3", "2001-02-03T04:05:06Z", "02/03/2001", "20010203", "2001"};
    for (int i = 0; i < starts.length; i++) {
      conditions.set(i + 1, setField(conditions.get(i + 1), 0, starts[i]));
    }
    write(in.resolve("csv/conditions.csv"), conditions);

    encounters = unzip(in.resolve("csv"), "encounters.csv");
    encounters.add(encounters.get(1));
    write(in.resolve("csv/encounters.csv"), encounters);

    meds = unzip(in.resolve("csv"), "medications.csv");
    meds.set(4, setField(meds.get(4), 9, SECRET));
    write(in.resolve("csv/medications.csv"), meds);

    String text = String.join("\n", unzip(in.resolve("notes"), NOTE_PATIENT + ".txt")) + "\n";
    int at = text.indexOf('\n', text.indexOf("# ")) + 1;
    StringBuilder big = new StringBuilder(text.length() + (50 << 20));
    big.append(text, 0, at);
    String filler = "Patient reports feeling well and has no complaints today.\n";
    while (big.length() < 50 << 20) {
      big.append(filler);
    }
    big.append(text.substring(at));
    Files.writeString(in.resolve("notes/" + NOTE_PATIENT + ".txt"), big, StandardCharsets.UTF_8);
    csv = run(in, shared.resolve("csv"), "csv");

    Path fhirIn = copy(shared.resolve("fhir"));
    List<String> fhirPatients = unzip(fhirIn.resolve("fhir"), "Patient.ndjson");
    fhirPatients.set(0, NumberedLines.BOM + fhirPatients.get(0));
    write(fhirIn.resolve("fhir/Patient.ndjson"), fhirPatients);
    fhirObs = unzip(fhirIn.resolve("fhir"), "Observation.ndjson");
    fhirObs.add("{\"resourceType\":\"Observation\",\"id\":\"" + SECRET + "\",");
    fhirObs.add("{\"resourceType\":\"" + SECRET + "\",\"id\":\"x1\"}");
    String template = fhirObs.stream().filter(l -> !l.contains("\"component\"")).findFirst().orElseThrow();
    String renamed = template.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"dangling-1\"");
    fhirObs.add(
        renamed.replaceFirst("\"subject\":\\{\"reference\":\"[^\"]+\"", "\"subject\":{\"reference\":\"Patient/p404\""));
    fhirObs.add(
        renamed.replace("dangling-1", "dangling-2")
            .replaceFirst("\"encounter\":\\{\"reference\":\"[^\"]+\"", "\"encounter\":{\"reference\":\"Encounter/e404\""));
    write(fhirIn.resolve("fhir/Observation.ndjson"), fhirObs);
    fhir = run(fhirIn, shared.resolve("fhir"), "fhir");
  }

  @Test
  void sharedInputs_passUnderTheDefaultShareAndBalance() {
    assertThat(csv.exitCode()).as(csv.lastLine()).isZero();
    assertThat(fhir.exitCode()).as(fhir.lastLine()).isZero();
    assertThat(csv.manifest().attributes).containsEntry("verdict", "passed");
    assertBalanced(csv, RawSchemas.OBSERVATIONS, dataLines(obs));
    assertBalanced(csv, RawSchemas.CONDITIONS, dataLines(conditions));
    assertBalanced(csv, RawSchemas.ENCOUNTERS, dataLines(encounters));
    assertBalanced(csv, RawSchemas.MEDICATIONS, dataLines(meds));
    assertBalanced(csv, RawSchemas.NOTES, 105);
    assertThat(fhir.manifest().balanced()).isTrue();
    assertThat(csv.console() + fhir.console()).doesNotContain(SECRET).doesNotContain("Caf");
    // Quarantine reasons per file and reason, in the manifest and on the console.
    assertThat(csv.manifest().tables.get(RawSchemas.OBSERVATIONS).quarantineReasons.get(OBSERVATIONS))
        .containsEntry(IngestTransform.UNKNOWN_CODE_SYSTEM, 36L)
        .containsEntry(IngestTransform.NOT_A_NUMBER, 1L);
    assertThat(csv.console()).contains("ingest: observations: 1616 in, 1574 out, 42 quarantined (2.60%)");
  }

  @Test
  void truncatedGzip_failsNamingFileAndLine(@TempDir Path tmp) throws IOException {
    Path in = copy(tmp);
    Path gz = in.resolve("csv/observations.csv.gz");
    byte[] bytes = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(bytes, bytes.length * 6 / 10));
    // And a duplicate patient: 1 of 5 is more than the default share.
    List<String> patients = unzip(in.resolve("csv"), "patients.csv");
    patients.add(patients.get(1));
    write(in.resolve("csv/patients.csv"), patients);

    Outcome o = run(in, tmp, "csv");

    assertThat(o.exitCode()).isEqualTo(2);
    Matcher m =
        Pattern.compile("csv/observations\\.csv\\.gz line (\\d+): " + Pattern.quote(IngestTransform.UNREADABLE))
            .matcher(o.lastLine());
    assertThat(m.find()).as(o.lastLine()).isTrue();
    long line = Long.parseLong(m.group(1));
    assertThat(line).isBetween(3L, 1616L);
    assertThat(o.quarantine())
        .contains("observations|csv/observations.csv.gz|" + line + "|null|" + IngestTransform.UNREADABLE);
    // Lines 2 .. line-1 were read, the unreadable rest counts as one record.
    assertBalanced(o, RawSchemas.OBSERVATIONS, line - 1);
    assertThat(o.console()).doesNotContain("details withheld").doesNotContain("SparkException");

    // The share limit, said on its own line; --max-quarantine-share lets it pass.
    assertThat(o.console())
        .contains(
            "patients: 1 of 5 records (20.0%) quarantined, more than the allowed 5% (--max-quarantine-share);"
                + " most for duplicate id (1, first: csv/patients.csv line 6, field patient_id)");
    assertThat(o.manifest().tables.get(RawSchemas.PATIENTS).quarantineReasons)
        .containsEntry("csv/patients.csv", java.util.Map.of(IngestTransform.DUPLICATE_ID, 1L));
  }

  @Test
  void quarantinedShareOverTheLimit_passesWhenTheOptionAllowsIt(@TempDir Path tmp) {
    Path in = copy(tmp);
    List<String> patients = unzip(in.resolve("csv"), "patients.csv");
    patients.add(patients.get(1));
    write(in.resolve("csv/patients.csv"), patients);

    Outcome lenient = run(in, tmp, "csv", "--max-quarantine-share", "0.25");

    assertThat(lenient.exitCode()).isZero();
    assertThat(lenient.manifest().attributes).containsEntry("verdict", "passed");
    assertBalanced(lenient, RawSchemas.PATIENTS, 5);
  }

  @Test
  void binaryGarbage_failsNamingTheFile(@TempDir Path tmp) {
    byte[] garbage = new byte[4096];
    new Random(16).nextBytes(garbage);

    Path plain = copy(tmp.resolve("plain"));
    deleteGz(plain, "csv/conditions.csv");
    writeBytes(plain.resolve("csv/conditions.csv"), garbage);
    Outcome a = run(plain, tmp.resolve("plain"), "csv");
    assertThat(a.exitCode()).isEqualTo(2);
    assertThat(a.lastLine()).contains("csv/conditions.csv line 1: not a CSV header");

    Path gz = copy(tmp.resolve("gz"));
    writeBytes(gz.resolve("csv/patients.csv.gz"), garbage);
    Outcome b = run(gz, tmp.resolve("gz"), "csv");
    assertThat(b.exitCode()).isEqualTo(2);
    assertThat(b.lastLine()).contains("csv/patients.csv.gz line 1: cannot be read");
  }

  @Test
  void headerOnlyFile_failsSayingTheTableIsEmpty(@TempDir Path tmp) {
    Path in = copy(tmp);
    List<String> lines = unzip(in.resolve("csv"), "encounters.csv");
    write(in.resolve("csv/encounters.csv"), lines.subList(0, 1));

    Outcome o = run(in, tmp, "csv");

    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.lastLine()).contains("encounters is empty: csv/encounters.csv hold(s) no records");
    assertBalanced(o, RawSchemas.ENCOUNTERS, 0);
    assertThat(o.manifest().attributes).containsEntry("verdict", "failed");
    // The tables that point to encounters fail on their share too, each said on its own line.
    assertThat(o.console()).contains("conditions: 115 of 115 records (100.0%) quarantined");
  }

  @Test
  void requiredFileMissing_failsNamingTheFile(@TempDir Path tmp) throws IOException {
    Path in = copy(tmp);
    Files.delete(in.resolve("csv/patients.csv.gz"));
    Outcome a = run(in, tmp.resolve("csv"), "csv");
    assertThat(a.exitCode()).isEqualTo(2);
    assertThat(a.lastLine())
        .contains("csv/patients.csv not found (plain or compressed): the input needs patients.csv, encounters.csv");
    assertThat(a.out()).doesNotExist();

    Files.delete(in.resolve("fhir/Encounter.ndjson.gz"));
    Outcome b = run(in, tmp.resolve("fhir"), "fhir");
    assertThat(b.exitCode()).isEqualTo(2);
    assertThat(b.lastLine()).contains("fhir/Encounter.ndjson not found");
  }

  @Test
  void emptyInputFolder_failsSayingWhatWasExpected(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("empty"));
    Outcome o = run(in, tmp, "auto");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.lastLine()).contains("no Synthea CSV or FHIR bulk NDJSON under").contains("expected csv/ or fhir/");
  }

  @Test
  void utf8ByteOrderMark_isStrippedAndAccepted() {
    assertThat(csv.manifest().tables.get(RawSchemas.PATIENTS).rowsOut).isEqualTo(4);
    assertThat(csv.quarantine()).noneMatch(q -> q.startsWith("patients|"));
    assertThat(fhir.manifest().tables.get(RawSchemas.PATIENTS).rowsOut).isEqualTo(4);
    assertThat(fhir.quarantine()).noneMatch(q -> q.startsWith("patients|"));
  }

  @Test
  void wrongDelimiter_failsNamingTheDelimiter(@TempDir Path tmp) {
    Path in = copy(tmp);
    List<String> patients = unzip(in.resolve("csv"), "patients.csv");
    write(in.resolve("csv/patients.csv"), patients.stream().map(l -> l.replace(',', ';')).toList());

    Outcome o = run(in, tmp, "csv");

    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.lastLine()).contains("csv/patients.csv line 1: fields are separated by semicolons, not by commas");
  }

  @Test
  void unterminatedQuote_quarantinedNamingTheColumn() {
    assertThat(csv.quarantine())
        .contains("observations|" + OBSERVATIONS + "|11|DESCRIPTION|" + IngestTransform.UNTERMINATED_QUOTE);
    assertThat(csv.console())
        .contains(IngestTransform.UNTERMINATED_QUOTE + " (first: " + OBSERVATIONS + " line 11, field DESCRIPTION)");
  }

  @Test
  void extraAndMissingColumns_extraIgnoredOptionalMissingAcceptedRequiredMissingFails(@TempDir Path tmp) {
    // Shared input: observations carry an extra column, patients lack MAIDEN; neither costs a record.
    assertThat(csv.quarantine())
        .noneMatch(q -> q.startsWith("patients|"))
        .filteredOn(q -> q.startsWith("observations|"))
        .hasSize(42);

    Path in = copy(tmp);
    List<String> lines = unzip(in.resolve("csv"), "encounters.csv");
    write(in.resolve("csv/encounters.csv"), lines.stream().map(l -> dropField(l, 1)).toList());
    Outcome bad = run(in, tmp, "csv");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.lastLine()).contains("csv/encounters.csv line 1: the header lacks required column(s) START");
  }

  @Test
  void extraAndMissingFieldsInALine_quarantinedNamingTheColumn() {
    assertThat(csv.quarantine())
        .contains(
            "observations|" + OBSERVATIONS + "|21|column 11|" + IngestTransform.EXTRA_FIELDS,
            "observations|" + OBSERVATIONS + "|31|EXTRA|" + IngestTransform.MISSING_FIELDS);
  }

  @Test
  void nonNumericValues_quarantinedNamingTheField() {
    assertThat(csv.quarantine())
        .contains(
            "observations|" + OBSERVATIONS + "|2|value_numeric|" + IngestTransform.NOT_A_NUMBER,
            "medications|csv/medications.csv|5|dispenses|" + IngestTransform.NOT_AN_INTEGER);
    assertThat(csv.console()).contains("(first: csv/medications.csv line 5, field dispenses)");
  }

  @Test
  void otherDateFormats_isoVariantsParsedOthersQuarantined() {
    String date = "|start_date|" + IngestTransform.NOT_A_DATE;
    assertThat(csv.quarantine())
        .contains(
            "conditions|csv/conditions.csv|4" + date,
            "conditions|csv/conditions.csv|5" + date,
            "conditions|csv/conditions.csv|6" + date,
            "observations|" + OBSERVATIONS + "|4|effective_time|" + IngestTransform.NOT_A_TIMESTAMP)
        .noneMatch(q -> q.startsWith("conditions|csv/conditions.csv|2|") || q.startsWith("conditions|csv/conditions.csv|3|"))
        .noneMatch(q -> q.startsWith("observations|" + OBSERVATIONS + "|3|"));
    long parsed =
        SparkTestSession.get().read().parquet(csv.out().resolve(RawSchemas.CONDITIONS).toString())
            .filter(col("start_date").equalTo(java.sql.Date.valueOf("2001-02-03")))
            .count();
    assertThat(parsed).isEqualTo(2);
  }

  @Test
  void duplicateIds_laterCopiesQuarantined() {
    assertThat(csv.quarantine())
        .contains("encounters|csv/encounters.csv|" + encounters.size() + "|encounter_id|" + IngestTransform.DUPLICATE_ID);
    assertThat(csv.manifest().tables.get(RawSchemas.ENCOUNTERS).rowsOut).isEqualTo(dataLines(encounters) - 1);
  }

  @Test
  void nonUtf8Bytes_quarantinedWhereTheModelUsesThem() {
    assertThat(csv.quarantine())
        .contains("observations|" + OBSERVATIONS + "|51|description|" + IngestTransform.NOT_UTF8)
        .noneMatch(q -> q.startsWith("patients|"));
  }

  @Test
  void fhirNonJsonLine_quarantinedWithItsLine() {
    int line = fhirObs.size() - 3;
    assertThat(fhir.quarantine())
        .contains("observations|fhir/Observation.ndjson|" + line + "|null|" + IngestTransform.INVALID_JSON);
    assertThat(fhir.console())
        .contains(IngestTransform.INVALID_JSON + " (first: fhir/Observation.ndjson line " + line + ")");
  }

  @Test
  void fhirUnknownResourceType_quarantinedNamingTheField() {
    assertThat(fhir.quarantine())
        .contains(
            "observations|fhir/Observation.ndjson|" + (fhirObs.size() - 2) + "|resourceType|"
                + IngestTransform.WRONG_RESOURCE_TYPE);
  }

  @Test
  void fhirDanglingReference_quarantinedNamingTheReference() {
    assertThat(fhir.quarantine())
        .contains(
            "observations|fhir/Observation.ndjson|" + (fhirObs.size() - 1) + "|patient_id|"
                + IngestTransform.MISSING_PATIENT,
            "observations|fhir/Observation.ndjson|" + fhirObs.size() + "|encounter_id|"
                + IngestTransform.MISSING_ENCOUNTER);
    assertThat(fhir.console()).doesNotContain("p404").doesNotContain("e404");
  }

  @Test
  void fiftyMegabyteNote_quarantinedAsTooLong() {
    assertThat(csv.quarantine())
        .contains("notes|notes/*_" + NOTE_PATIENT + ".txt|1|text|" + IngestTransform.TEXT_TOO_LONG);
    assertThat(csv.ours())
        .contains(IngestTransform.TEXT_TOO_LONG + " (first: notes/*_<patient id>.txt note 1, field text)")
        .doesNotContain(NOTE_PATIENT);
    assertThat(csv.manifest().tables.get(RawSchemas.NOTES).rowsOut).isEqualTo(104);
  }

  /** {@code line} with its 0-based comma-separated field {@code index} set to {@code value}. */
  static String setField(String line, int index, String value) {
    List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
    assertThat(fields.size()).as("fields of a fixture line").isGreaterThan(index);
    fields.set(index, value);
    return String.join(",", fields);
  }

  static String dropField(String line, int index) {
    List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
    fields.remove(index);
    return String.join(",", fields);
  }

  /** UTF-8 bytes of {@code lines}, with each {@code LATIN1MARK} replaced by "Café" in ISO-8859-1. */
  static byte[] latin1(List<String> lines) {
    String text = String.join("\n", lines) + "\n";
    String[] parts = text.split("LATIN1MARK", -1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i++) {
      out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
      if (i < parts.length - 1) {
        out.writeBytes(new byte[] {'C', 'a', 'f', (byte) 0xE9});
      }
    }
    return out.toByteArray();
  }

  private static void deleteGz(Path in, String name) {
    try {
      Files.delete(in.resolve(name + ".gz"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
