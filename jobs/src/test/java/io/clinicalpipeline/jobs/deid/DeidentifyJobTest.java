package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.ChildJvm;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.leak.IdentifierLeakScan;
import io.clinicalpipeline.jobs.leak.LeakScans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeidentifyJobTest {

  @TempDir static Path tmp;
  static SparkSession spark;
  static Path raw;
  static Path keyFile;
  static Path otherKeyFile;

  @BeforeAll
  static void writeFixtures() throws Exception {
    spark = SparkTestSession.get();
    raw = DeidFixtures.writeRaw(spark, tmp.resolve("raw"));
    keyFile = Files.writeString(tmp.resolve("key"), "test-key-0123456789-abcdefghij\n");
    otherKeyFile = Files.writeString(tmp.resolve("other-key"), "another-key-9876543210-zyxwvu\n");
  }

  private static final Map<String, Path> RUNS = new HashMap<>();

  /** Runs the job once per (name, policy, key) for the whole class: job runs are the slow part. */
  static synchronized Path deid(String name, String policy, Path key) {
    return RUNS.computeIfAbsent(name, n -> runJob(n, policy, key));
  }

  static Path runJob(String name, String policy, Path key) {
    Path out = tmp.resolve(name);
    int rc =
        DeidentifyJob.run(
            new String[] {
              "--input", raw.toString(), "--output", out.toString(), "--date-policy", policy, "--key-file", key.toString()
            });
    assertThat(rc).isZero();
    return out;
  }

  @Test
  void leakScan_findsNoRawIdentifier_inBothDatePolicies() {
    IdentifierLeakScan scan = LeakScans.of(spark, raw.toString());
    assertThat(scan.identifierCount()).isGreaterThan(20);
    for (String policy : List.of("shift", "safe-harbor")) {
      Path out = deid(policy, policy, keyFile);
      assertThat(LeakScans.flaggedRows(scan, spark, out.toString()).values()).as(policy).isNotEmpty().containsOnly(0L);
    }
  }

  @Test
  void leakScan_findsIdentifiers_inRawNotes() {
    Map<String, Map<String, Long>> hits = LeakScans.hitsByColumn(spark, raw.toString(), raw.toString());
    assertThat(hits.get("notes.text")).containsKeys("NAME", "SSN", "PHONE", "ADDRESS", "MRN", "LICENSE", "PASSPORT");
    assertThat(hits.get("patients.ssn")).containsEntry("SSN", 3L);
  }

  @Test
  void deidentify_writesTheContractColumnsAndPseudonyms() {
    Path out = deid("shift", "shift", keyFile);
    Dataset<Row> patients = spark.read().parquet(out.resolve("patients").toString());
    assertThat(patients.columns())
        .containsExactly(
            "patient_id", "birth_date", "death_date", "marital_status", "race", "ethnicity", "sex", "state", "zip3");
    for (String t : RawSchemas.TABLES) {
      Dataset<Row> d = spark.read().parquet(out.resolve(t).toString());
      for (String c : d.columns()) {
        if (c.endsWith("_id")) {
          long bad = d.filter(d.col(c).isNotNull().and(d.col(c).rlike("^[0-9a-f]{32}$").unary_$bang())).count();
          assertThat(bad).as(t + "." + c).isZero();
        }
      }
    }
    Map<String, String> zip3 = new TreeMap<>();
    for (Row r : patients.select("patient_id", "zip3").collectAsList()) {
      zip3.put(r.getString(0), r.getString(1));
    }
    PseudonymKey key = PseudonymKey.of("test-key-0123456789-abcdefghij");
    assertThat(zip3).containsEntry(key.pseudonym(DeidFixtures.P1), "023")
        .containsEntry(key.pseudonym(DeidFixtures.P2), "000")
        .containsEntry(key.pseudonym(DeidFixtures.P3), "000");
    Row old = patients.filter(patients.col("patient_id").equalTo(key.pseudonym(DeidFixtures.P2))).first();
    LocalDate birth = ((java.sql.Date) old.getAs("birth_date")).toLocalDate();
    LocalDate reference = LocalDate.of(2023, 1, 10).minusDays(key.shiftDays(DeidFixtures.P2));
    assertThat(ChronoUnit.YEARS.between(birth, reference)).isEqualTo(90);
    Manifest m = Manifest.fromJson(readString(out.resolve("_manifest.json")));
    assertThat(m.balanced()).isTrue();
    assertThat(m.attributes).containsEntry("date-policy", "shift");
    assertThat(m.tables.get("notes").rowsOut).isEqualTo(4);
    String report = readString(out.resolve("deid_report.json"));
    assertThat(report).contains("\"NAME\"", "\"DATE\"", "ZIP3_RESTRICTED").doesNotContain("Alda", "999-");
    // patients' counts, observed on the raw rows while the table is written: one patient over 89; values
    // present in each dropped column (3 SSNs, 2 licences, 1 passport, 1 middle name)
    com.fasterxml.jackson.databind.JsonNode phi;
    try {
      phi = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report).path("tables").path("patients").path("phi");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(phi.path("AGE_OVER_89").asLong(-1)).isEqualTo(1);
    assertThat(phi.path("DROPPED_SSN").asLong(-1)).isEqualTo(3);
    assertThat(phi.path("DROPPED_DRIVERS_LICENSE").asLong(-1)).isEqualTo(2);
    assertThat(phi.path("DROPPED_PASSPORT").asLong(-1)).isEqualTo(1);
    assertThat(phi.path("DROPPED_MIDDLE_NAME").asLong(-1)).isEqualTo(1);
  }

  @Test
  void shift_keepsNoteDateIntervalsToTheEncounters() {
    Path out = deid("shift", "shift", keyFile);
    PseudonymKey key = PseudonymKey.of("test-key-0123456789-abcdefghij");
    Dataset<Row> enc = spark.read().parquet(out.resolve("encounters").toString());
    Row e1 = enc.filter(enc.col("encounter_id").equalTo(key.pseudonym(DeidFixtures.E1))).first();
    LocalDate encounterDay =
        ((java.sql.Timestamp) e1.getAs("start_time")).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    assertThat(encounterDay).isNotEqualTo(LocalDate.of(2021, 3, 15));
    Dataset<Row> notes = spark.read().parquet(out.resolve("notes").toString());
    String text = notes.filter(notes.col("note_id").equalTo(key.pseudonym("note-1"))).first().getAs("text");
    LocalDate heading = LocalDate.parse(text.strip().substring(0, 10));
    Matcher followUp = Pattern.compile("Follow-up booked for (\\d\\d)/(\\d\\d)/(\\d{4})").matcher(text);
    assertThat(followUp.find()).isTrue();
    LocalDate follow =
        LocalDate.of(Integer.parseInt(followUp.group(3)), Integer.parseInt(followUp.group(1)), Integer.parseInt(followUp.group(2)));
    assertThat(heading).isEqualTo(encounterDay);
    assertThat(ChronoUnit.DAYS.between(encounterDay, follow)).isEqualTo(14);
    assertThat(text).doesNotContain("Alda", "Kessler", "555-382-1947", "Ritchie", "02382");
  }

  @Test
  void sameKey_givesIdenticalFiles_otherKey_givesOtherPseudonymsAndShifts() throws IOException {
    Map<String, byte[]> a = files(deid("shift", "shift", keyFile));
    Map<String, byte[]> b = files(debugRun().output());
    assertThat(a.keySet()).isEqualTo(b.keySet()).anyMatch(k -> k.startsWith("notes/part-"));
    for (String k : a.keySet()) {
      assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
    }
    Path other = deid("det-c", "shift", otherKeyFile);
    Dataset<Row> pa = spark.read().parquet(tmp.resolve("shift/encounters").toString());
    Dataset<Row> pc = spark.read().parquet(other.resolve("encounters").toString());
    List<String> idsA = pa.select("patient_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> idsC = pc.select("patient_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(idsA).doesNotContainAnyElementsOf(idsC);
    List<Object> timesA = pa.orderBy("description", "code").select("start_time").collectAsList().stream().map(r -> r.get(0)).toList();
    List<Object> timesC = pc.orderBy("description", "code").select("start_time").collectAsList().stream().map(r -> r.get(0)).toList();
    assertThat(timesA).isNotEqualTo(timesC);
    assertThat(PseudonymKey.of("test-key-0123456789-abcdefghij").shiftDays(DeidFixtures.P1))
        .isNotEqualTo(PseudonymKey.of("another-key-9876543210-zyxwvu").shiftDays(DeidFixtures.P1));
  }

  /**
   * Another process writes the very same files, checksums included. Within one JVM this is easy; across
   * JVMs parquet-java orders each column's encoding list by identity hash codes, which the job's commit
   * protocol puts in one order.
   */
  @Test
  void anotherJvm_writesByteIdenticalFiles() throws Exception {
    Path mine = deid("shift", "shift", keyFile);
    Path theirs = tmp.resolve("child-jvm");
    Path log = tmp.resolve("child-jvm.log");
    List<String> args =
        List.of("--input", raw.toString(), "--output", theirs.toString(), "--date-policy", "shift", "--key-file",
            keyFile.toString());
    try (ChildJvm child = ChildJvm.builder(DeidentifyJob.class).heap("-Xmx1g").args(args).log(log).start()) {
      assertThat(child.await(TimeUnit.MINUTES.toSeconds(5)).exitCode()).as(child.tail()).isZero();
    }
    Map<String, byte[]> a = filesAndChecksums(mine);
    Map<String, byte[]> b = filesAndChecksums(theirs);
    assertThat(b.keySet()).isEqualTo(a.keySet()).anyMatch(k -> k.endsWith(".parquet.crc"));
    for (String k : a.keySet()) {
      assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
    }
  }

  @Test
  void noKey_failsWithAClearMessage() {
    String err = stderrOf(() -> assertThat(DeidentifyJob.run(new String[] {
        "--input", raw.toString(), "--output", tmp.resolve("nokey").toString(), "--key-env",
        "CLINICAL_PIPELINE_TEST_KEY_THAT_IS_NOT_SET"})).isNotZero());
    assertThat(err).contains("no de-identification key").contains("CLINICAL_PIPELINE_TEST_KEY_THAT_IS_NOT_SET");
    assertThat(tmp.resolve("nokey")).doesNotExist();
  }

  @Test
  void demoKey_withS3aOutput_isRefused() {
    String err = stderrOf(() -> assertThat(DeidentifyJob.run(new String[] {
        "--input", raw.toString(), "--output", "s3a://bucket/deid", "--demo-key"})).isNotZero());
    assertThat(err).contains("--demo-key is refused for s3a://");
  }

  @Test
  void demoKey_withLocalOutput_runs() {
    int rc = DeidentifyJob.run(new String[] {
        "--input", raw.toString(), "--output", tmp.resolve("demo").toString(), "--demo-key", "--replace", "tags"});
    assertThat(rc).isZero();
    String text = spark.read().parquet(tmp.resolve("demo/notes").toString()).orderBy("note_time").first().getAs("text");
    assertThat(text).contains("[NAME]", "[PHONE]", "[SSN]").doesNotContain("Alda");
  }

  @Test
  void debugLogging_ofAJobRun_containsNoRawIdentifier() {
    DebugRun run = debugRun();
    assertThat(run.log().length()).as("DEBUG output was captured").isGreaterThan(10_000);
    assertThat(run.log()).contains("DEBUG");
    List<String> ids = DeidFixtures.rawIdentifiers();
    for (int i = 0; i < ids.size(); i++) {
      // whole words, ignoring case, as the leak scan searches ("alda" inside "LocalDate" is no leak)
      Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(ids.get(i)) + "(?![\\p{L}\\p{N}])",
          Pattern.CASE_INSENSITIVE);
      assertThat(p.matcher(run.log()).find()).as("the DEBUG log holds raw identifier #" + i).isFalse();
    }
  }

  record DebugRun(Path output, String log) {}

  private static DebugRun debugRun;

  /** The job run again with the same key, with every logger at DEBUG and the output captured. */
  static synchronized DebugRun debugRun() {
    if (debugRun == null) {
      String log = LogCapture.atDebug(() -> runJob("shift-debug", "shift", keyFile));
      debugRun = new DebugRun(tmp.resolve("shift-debug"), log);
    }
    return debugRun;
  }

  static String stderrOf(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = filesAndChecksums(dir);
    out.keySet().removeIf(rel -> rel.endsWith(".crc"));
    return out;
  }

  /** Every file under {@code dir} but the manifest (the one that holds times), Hadoop's .crc files included. */
  static Map<String, byte[]> filesAndChecksums(Path dir) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString();
        if (!rel.equals("_manifest.json") && !rel.equals("._manifest.json.crc")) {
          out.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
