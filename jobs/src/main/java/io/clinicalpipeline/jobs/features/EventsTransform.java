package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Flattens the clinical tables into one long event table, MEDS style: {@code patient_id, event_time,
 * source, key, value, weight}. One row per encounter (key: its class), condition, procedure or medication (key:
 * {@code system_code}, the code optionally rolled up to a prefix), numeric observation (key:
 * {@code system_code}, value: the number) and note term bucket (key: its hash bucket). {@code weight} is
 * the number of occurrences the row stands for: 1, or a note's count of terms in that bucket. Keys are sanitised to
 * lowercase letters, digits and underscores, ready to be parts of column names.
 *
 * <p>Date-only events (condition onset) are dated at the end of their day, {@code start_date + 1 day},
 * so an onset recorded on the prediction day never counts as known before the prediction time.
 */
public final class EventsTransform {

  public static final String ENCOUNTER = "encounter";
  public static final String CONDITION = "condition";
  public static final String PROCEDURE = "procedure";
  public static final String MEDICATION = "medication";
  public static final String OBSERVATION = "observation";
  public static final String NOTE = "note";

  /** The weight of an event that is one occurrence. */
  private static final Column ONE = lit(1L).as("weight");

  private EventsTransform() {}

  public static Dataset<Row> events(TaskSpec spec, FeatureInputs in) {
    TaskSpec.Features f = spec.features();
    List<Dataset<Row>> parts = new ArrayList<>();
    if (f.utilisation()) {
      parts.add(
          in.encounters()
              .select(col("patient_id"), col("start_time").as("event_time"), lit(ENCOUNTER).as("source"),
                  sanitize(col("encounter_class")).as("key"), lit(null).cast("double").as("value"), ONE)
              .where(col("key").isNotNull()));
    }
    int prefix = f.codes().rollUpPrefix();
    if (f.codes().sources().contains("conditions")) {
      parts.add(codes(in.conditions(), date_add(col("start_date"), 1).cast("timestamp"), CONDITION, prefix));
    }
    if (f.codes().sources().contains("procedures")) {
      parts.add(codes(in.procedures(), col("start_time"), PROCEDURE, prefix));
    }
    if (f.codes().sources().contains("medications")) {
      parts.add(codes(in.medications(), col("start_time"), MEDICATION, prefix));
    }
    if (f.observations().enabled()) {
      parts.add(
          in.observations()
              .where(col("value_numeric").isNotNull())
              .select(col("patient_id"), col("effective_time").as("event_time"), lit(OBSERVATION).as("source"),
                  sanitize(concat_ws(":", col("code_system"), col("code"))).as("key"), col("value_numeric").as("value"), ONE));
    }
    if (f.notes().enabled()) {
      parts.add(noteTokens(in.notes(), f.notes()));
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all.where(col("patient_id").isNotNull().and(col("event_time").isNotNull()));
  }

  /**
   * Keys become parts of column names: lowercase letters, digits and single underscores only. Keys that
   * differ only in punctuation merge (counted together), so every feature name is unique.
   */
  static Column sanitize(Column key) {
    return regexp_replace(lower(key), "[^a-z0-9]+", "_");
  }

  static Dataset<Row> codes(Dataset<Row> table, Column time, String source, int rollUpPrefix) {
    Column code = rollUpPrefix > 0 ? substring(col("code"), 1, rollUpPrefix) : col("code");
    return table
        .where(col("code").isNotNull())
        .select(col("patient_id"), time.as("event_time"), lit(source).as("source"),
            sanitize(concat_ws(":", col("code_system"), code)).as("key"), lit(null).cast("double").as("value"), ONE);
  }

  /**
   * Term counts of each note: the tokens (lowercased, split on anything but letters and digits, at least
   * min-token-length long) are hashed into buckets and counted per note and bucket, so a note adds at most
   * hash-buckets rows (weight = the count) instead of one row per token.
   */
  static Dataset<Row> noteTokens(Dataset<Row> notes, TaskSpec.Notes spec) {
    Column tokens =
        expr("filter(split(lower(text), '[^a-z0-9]+'), t -> length(t) >= " + spec.minTokenLength() + ")");
    return notes
        .where(col("text").isNotNull())
        .select(col("note_id"), col("patient_id"), col("note_time").as("event_time"), explode(tokens).as("token"))
        .select(col("note_id"), col("patient_id"), col("event_time"),
            pmod(xxhash64(col("token")), lit((long) spec.hashBuckets())).cast("string").as("key"))
        .groupBy("note_id", "patient_id", "event_time", "key")
        .agg(count(lit(1)).as("weight"))
        .select(col("patient_id"), col("event_time"), lit(NOTE).as("source"), col("key"),
            lit(null).cast("double").as("value"), col("weight"));
  }
}
