package io.clinicalpipeline.jobs.deid;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.Required;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.SampleData;
import io.clinicalpipeline.jobs.ingest.IngestJob;
import io.clinicalpipeline.jobs.leak.IdentifierLeakScan;
import io.clinicalpipeline.jobs.leak.LeakScans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The de-identification job on the repository's {@code sample-data/} (real Synthea patients, notes
 * included), in both date policies: the leak scan finds none of the raw identifiers, and in the
 * {@code shift} policy every note's dated heading moves with its encounter, so the interval between
 * them is kept. Runs whenever the build names the project root; skip with
 * {@code -Dingest.cross-format.sample-data=false} (the same switch as the ingest comparison).
 */
class DeidSampleDataTest {

  static final String KEY = "sample-data-test-key-0123456789";

  @TempDir static Path tmp;
  static SparkSession spark;
  static Path raw;
  static final Map<String, Path> OUT = new HashMap<>();

  @BeforeAll
  static void ingestAndDeidentify() throws Exception {
    Optional<Path> dir = SampleData.dir();
    Required.that(dir.isPresent(), "the project's sample-data folder (project root unknown or sample-data missing)");
    Path sample = dir.get();
    spark = SparkTestSession.get();
    raw = tmp.resolve("raw");
    assertThat(IngestJob.run(new String[] {"--input", sample.toString(), "--output", raw.toString(), "--format", "csv"}))
        .isZero();
    Path keyFile = Files.writeString(tmp.resolve("key"), KEY + "\n");
    for (String policy : List.of("shift", "safe-harbor")) {
      Path out = tmp.resolve(policy);
      int rc =
          DeidentifyJob.run(
              new String[] {
                "--input", raw.toString(), "--output", out.toString(), "--date-policy", policy, "--key-file", keyFile.toString()
              });
      assertThat(rc).as(policy).isZero();
      OUT.put(policy, out);
    }
  }

  @Test
  void leakScan_findsNoRawIdentifier_inBothDatePolicies() {
    IdentifierLeakScan scan = LeakScans.of(spark, raw.toString());
    assertThat(scan.identifierCount()).isGreaterThan(1_000);
    assertThat(LeakScans.flaggedRows(scan, spark, raw.toString()).get(RawSchemas.NOTES))
        .as("the raw notes carry names the scan finds")
        .isPositive();
    for (String policy : List.of("shift", "safe-harbor")) {
      assertThat(LeakScans.flaggedRows(scan, spark, OUT.get(policy).toString()).values()).as(policy).containsOnly(0L);
    }
  }

  @Test
  void shift_movesEveryNoteHeadingWithItsEncounter() {
    PseudonymKey key = PseudonymKey.of(KEY);
    Map<String, Long> rawIntervals = headingToEncounterDays(raw);
    Map<String, Long> deidIntervals = headingToEncounterDays(OUT.get("shift"));
    assertThat(rawIntervals).hasSizeGreaterThan(10_000);
    Map<String, Long> expected = new HashMap<>();
    rawIntervals.forEach((encounter, days) -> expected.put(key.pseudonym(encounter), days));
    assertThat(deidIntervals).isEqualTo(expected);

    // The headings did move: the same note's heading differs between raw and shifted output for most notes.
    Map<String, LocalDate> rawHeadings = headings(raw);
    Map<String, LocalDate> shifted = headings(OUT.get("shift"));
    long moved =
        rawHeadings.entrySet().stream()
            .filter(e -> !e.getValue().equals(shifted.get(key.pseudonym(e.getKey()))))
            .count();
    assertThat(moved).isGreaterThan(rawHeadings.size() * 9L / 10);
  }

  @Test
  void safeHarbor_leavesNoFullDateInTheNotes() {
    Dataset<Row> notes = spark.read().parquet(OUT.get("safe-harbor").resolve(RawSchemas.NOTES).toString());
    assertThat(notes.count()).isGreaterThan(10_000);
    assertThat(notes.filter(col("text").rlike("(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]")).count()).isZero();
  }

  /** Encounter id → days from the encounter's start to its note's dated heading (one note per encounter). */
  static Map<String, Long> headingToEncounterDays(Path layer) {
    Dataset<Row> encounters =
        spark.read().parquet(layer.resolve(RawSchemas.ENCOUNTERS).toString())
            .select(col("encounter_id"), to_date(col("start_time")).as("start_day"));
    Map<String, Long> days = new HashMap<>();
    for (Row r : headingRows(layer).join(encounters, "encounter_id").select("encounter_id", "heading", "start_day").collectAsList()) {
      LocalDate heading = r.getDate(1).toLocalDate();
      LocalDate start = r.getDate(2).toLocalDate();
      days.merge(r.getString(0), ChronoUnit.DAYS.between(start, heading), (a, b) -> a.equals(b) ? a : Long.MIN_VALUE);
    }
    return days;
  }

  static Map<String, LocalDate> headings(Path layer) {
    Map<String, LocalDate> headings = new HashMap<>();
    for (Row r : headingRows(layer).select("encounter_id", "heading").collectAsList()) {
      headings.put(r.getString(0), r.getDate(1).toLocalDate());
    }
    return headings;
  }

  /** Notes whose text opens with an ISO date (Synthea's heading), with that date. */
  static Dataset<Row> headingRows(Path layer) {
    Dataset<Row> notes = spark.read().parquet(layer.resolve(RawSchemas.NOTES).toString());
    Column heading = regexp_extract(col("text"), "^\\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\\s", 1);
    return notes
        .filter(col("encounter_id").isNotNull())
        .withColumn("heading", to_date(heading))
        .filter(col("heading").isNotNull());
  }
}
