package io.clinicalpipeline.jobs.meds;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.jobs.features.CohortTransform;
import io.clinicalpipeline.jobs.features.FeatureInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A MEDS data set as the feature job's input tables: the inverse of {@link MedsEvents}. {@code patient_id} is
 * the subject id as a decimal string; the record pseudonyms ({@code record_id}) become the encounter and note
 * ids, so examples keep their row ids; {@code metadata/subject_splits.parquet} gives the patient splits
 * ({@code tuning} as validation, {@code held_out} as test). Events without this project's {@code table} column
 * (MEDS from elsewhere) are assigned by their code: {@code MEDS_BIRTH}, {@code MEDS_DEATH}, {@code GENDER/},
 * {@code RACE/}, {@code ETHNICITY/} to patients, {@code ENCOUNTER} to encounters, {@code NOTE} to notes,
 * {@code LOINC/} to observations, {@code RxNorm/} to medications and any other code to conditions; such events
 * have no record ids, so encounter and note ids are hashed from subject, time and code.
 */
public final class MedsInputs {

  private MedsInputs() {}

  public static FeatureInputs read(SparkSession spark, String root) {
    List<String> errors = MedsValidator.validate(spark, root);
    if (!errors.isEmpty()) {
      throw new InputException("--input is not a valid MEDS data set (" + errors.size() + " problems; first: "
          + errors.get(0) + ")");
    }
    Dataset<Row> data = spark.read().option("recursiveFileLookup", "true")
        .parquet(Storage.resolve(root, MedsSchema.DATA));
    List<String> columns = Arrays.asList(data.columns());
    Column table = columns.contains(MedsSchema.TABLE) ? col(MedsSchema.TABLE) : inferredTable(col(MedsSchema.CODE));
    Dataset<Row> events =
        data.select(
            col(MedsSchema.SUBJECT_ID).cast("string").as("patient_id"),
            col(MedsSchema.TIME).cast("timestamp").as("time"),
            col(MedsSchema.CODE).as("code"),
            col(MedsSchema.NUMERIC_VALUE).cast("double").as("number"),
            optional(columns, MedsSchema.TEXT_VALUE).as("text"),
            table.as("table"),
            optional(columns, MedsSchema.RECORD_ID).as("record_id"));
    Dataset<Row> splits = null;
    String splitsFile = Storage.resolve(root, MedsSchema.METADATA, MedsSchema.SPLITS_FILE);
    if (Storage.of(spark).exists(splitsFile)) {
      Column split = lit(null).cast("string");
      for (Map.Entry<String, String> s : MedsSchema.SPLITS.entrySet()) {
        split = when(col(MedsSchema.SPLIT).equalTo(s.getValue()), lit(s.getKey())).otherwise(split);
      }
      splits = spark.read().parquet(splitsFile)
          .select(col(MedsSchema.SUBJECT_ID).cast("string").as("patient_id"), split.as("split"));
    }
    return new FeatureInputs(
        patients(events.where(col("table").equalTo(RawSchemas.PATIENTS))),
        encounters(events.where(col("table").equalTo(RawSchemas.ENCOUNTERS))),
        conform(coded(events, RawSchemas.CONDITIONS).withColumn("start_date", to_date(col("time"))),
            RawSchemas.CONDITIONS_SCHEMA),
        conform(coded(events, RawSchemas.OBSERVATIONS).withColumn("value_numeric", col("number"))
            .withColumn("value_text", col("text")).withColumn("effective_time", col("time")),
            RawSchemas.OBSERVATIONS_SCHEMA),
        conform(coded(events, RawSchemas.MEDICATIONS).withColumn("start_time", col("time")),
            RawSchemas.MEDICATIONS_SCHEMA),
        conform(coded(events, RawSchemas.PROCEDURES).withColumn("start_time", col("time")),
            RawSchemas.PROCEDURES_SCHEMA),
        notes(events.where(col("table").equalTo(RawSchemas.NOTES))),
        splits);
  }

  static Column inferredTable(Column code) {
    Column prefix = substring_index(code, "/", 1);
    return when(code.isin(MedsSchema.BIRTH, MedsSchema.DEATH)
            .or(prefix.isin(MedsEvents.GENDER, MedsEvents.RACE, MedsEvents.ETHNICITY)), lit(RawSchemas.PATIENTS))
        .when(prefix.isin(MedsEvents.ENCOUNTER, MedsEvents.ENCOUNTER_END), lit(RawSchemas.ENCOUNTERS))
        .when(prefix.equalTo(MedsEvents.NOTE), lit(RawSchemas.NOTES))
        .when(prefix.equalTo("LOINC"), lit(RawSchemas.OBSERVATIONS))
        .when(prefix.equalTo("RxNorm"), lit(RawSchemas.MEDICATIONS))
        .otherwise(lit(RawSchemas.CONDITIONS));
  }

  /** One row per subject: the first birth and death dates, the greatest of each static value. */
  static Dataset<Row> patients(Dataset<Row> events) {
    return events.groupBy("patient_id").agg(
        to_date(min(when(col("code").equalTo(MedsSchema.BIRTH), col("time")))).as("birth_date"),
        to_date(min(when(col("code").equalTo(MedsSchema.DEATH), col("time")))).as("death_date"),
        max(valueOf(MedsEvents.GENDER)).as("sex"),
        max(valueOf(MedsEvents.RACE)).as("race"),
        max(valueOf(MedsEvents.ETHNICITY)).as("ethnicity"));
  }

  static Dataset<Row> encounters(Dataset<Row> events) {
    Column id = recordId("encounter");
    Dataset<Row> ends = events.where(col("code").equalTo(MedsEvents.ENCOUNTER_END))
        .groupBy(col("record_id").as("encounter_id")).agg(max("time").as("end_time"));
    Dataset<Row> starts = events.where(col("code").notEqual(MedsEvents.ENCOUNTER_END))
        .select(id.as("encounter_id"), col("patient_id"), valueOf(MedsEvents.ENCOUNTER).as("encounter_class"),
            col("time").as("start_time"));
    return conform(starts.join(ends, CohortTransform.seq("encounter_id"), "left"),
        RawSchemas.ENCOUNTERS_SCHEMA);
  }

  static Dataset<Row> notes(Dataset<Row> events) {
    return conform(events.select(recordId("note").as("note_id"), col("patient_id"),
        valueOf(MedsEvents.NOTE).as("note_type"), col("time").as("note_time"), col("text")), RawSchemas.NOTES_SCHEMA);
  }

  /** A table's coded events with {@code code_system} and {@code code} read back from {@code VOCABULARY/code}. */
  static Dataset<Row> coded(Dataset<Row> events, String table) {
    Column system = substring_index(col("code"), "/", 1);
    Column projectSystem = system;
    for (Map.Entry<String, String> v : MedsSchema.VOCABULARIES.entrySet()) {
      projectSystem = when(system.equalTo(v.getValue()), lit(v.getKey())).otherwise(projectSystem);
    }
    Column hasSystem = col("code").contains("/");
    return events.where(col("table").equalTo(table).and(col("time").isNotNull()))
        .withColumn("code_system", when(hasSystem, projectSystem))
        .withColumn("code", when(hasSystem, expr("substr(code, instr(code, '/') + 1)")).otherwise(col("code")));
  }

  /** What follows {@code PREFIX/} in the code, null for the bare prefix or another prefix. */
  private static Column valueOf(String prefix) {
    return when(col("code").startsWith(prefix + "/"), expr("substr(code, " + (prefix.length() + 2) + ")"));
  }

  private static Column recordId(String kind) {
    Column hashed = substring(sha2(concat_ws(":", lit(kind), col("patient_id"), col("time").cast("string"),
        col("code")), 256), 1, 32);
    return when(col("record_id").isNotNull(), col("record_id")).otherwise(hashed);
  }

  private static Column optional(List<String> columns, String name) {
    return columns.contains(name) ? col(name).cast("string") : lit(null).cast("string");
  }

  /** {@code rows} with exactly {@code schema}'s columns, nulls for those MEDS does not carry. */
  static Dataset<Row> conform(Dataset<Row> rows, StructType schema) {
    List<String> have = Arrays.asList(rows.columns());
    List<Column> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add((have.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name()));
    }
    return rows.select(out.toArray(Column[]::new));
  }
}
