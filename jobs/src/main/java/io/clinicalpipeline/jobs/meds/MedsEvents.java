package io.clinicalpipeline.jobs.meds;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.jobs.features.FeatureInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The de-identified tables as MEDS events, one row per event: {@code patient_id, time, code, numeric_value,
 * text_value, table, record_id, description} ({@code time} a session-zone timestamp; the writer converts it).
 *
 * <ul>
 *   <li>patients: {@code MEDS_BIRTH} at the birth date, {@code MEDS_DEATH} at the death date (00:00), and static
 *       events (null time) {@code GENDER/<sex>}, {@code RACE/<race>}, {@code ETHNICITY/<ethnicity>};
 *   <li>encounters: {@code ENCOUNTER/<class>} at the start and {@code ENCOUNTER_END} at the end, both with the
 *       encounter pseudonym as {@code record_id};
 *   <li>conditions: {@code VOCABULARY/code} at the end of the onset day (23:59:59.999999), as the feature job
 *       dates it, so no MEDS tool sees a date-only onset before the day is over;
 *   <li>observations, medications, procedures: {@code VOCABULARY/code} at the effective or start time, the
 *       observation's number as {@code numeric_value} and its text as {@code text_value};
 *   <li>notes: {@code NOTE/<note type>} at the note time, the de-identified text as {@code text_value} and the note
 *       pseudonym as {@code record_id}.
 * </ul>
 */
public final class MedsEvents {

  public static final String ENCOUNTER = "ENCOUNTER";
  public static final String ENCOUNTER_END = "ENCOUNTER_END";
  public static final String NOTE = "NOTE";
  public static final String GENDER = "GENDER";
  public static final String RACE = "RACE";
  public static final String ETHNICITY = "ETHNICITY";

  private MedsEvents() {}

  public static Dataset<Row> of(FeatureInputs in) {
    List<Dataset<Row>> parts = new ArrayList<>();
    Dataset<Row> p = in.patients();
    parts.add(event(p.where(col("birth_date").isNotNull()), col("birth_date").cast("timestamp"), lit(MedsSchema.BIRTH),
        RawSchemas.PATIENTS, null, null, null, lit("birth")));
    parts.add(event(p.where(col("death_date").isNotNull()), col("death_date").cast("timestamp"), lit(MedsSchema.DEATH),
        RawSchemas.PATIENTS, null, null, null, lit("death")));
    parts.add(staticEvent(p, "sex", GENDER));
    parts.add(staticEvent(p, "race", RACE));
    parts.add(staticEvent(p, "ethnicity", ETHNICITY));

    Dataset<Row> e = in.encounters();
    parts.add(event(e, col("start_time"), prefixed(ENCOUNTER, col("encounter_class")), RawSchemas.ENCOUNTERS, null,
        null, col("encounter_id"), lit("encounter start")));
    parts.add(event(e.where(col("end_time").isNotNull()), col("end_time"), lit(ENCOUNTER_END), RawSchemas.ENCOUNTERS,
        null, null, col("encounter_id"), lit("encounter end")));

    Column endOfOnsetDay = date_add(col("start_date"), 1).cast("timestamp").minus(expr("INTERVAL 1 MICROSECOND"));
    parts.add(coded(in.conditions(), endOfOnsetDay, RawSchemas.CONDITIONS, null, null));
    Dataset<Row> o = in.observations();
    parts.add(coded(o, col("effective_time"), RawSchemas.OBSERVATIONS, col("value_numeric"), col("value_text")));
    parts.add(coded(in.medications(), col("start_time"), RawSchemas.MEDICATIONS, null, null));
    parts.add(coded(in.procedures(), col("start_time"), RawSchemas.PROCEDURES, null, null));
    Dataset<Row> n = in.notes();
    parts.add(event(n, col("note_time"), prefixed(NOTE, col("note_type")), RawSchemas.NOTES, null, col("text"),
        col("note_id"), lit("note")));

    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all.where(col("patient_id").isNotNull());
  }

  /** {@code VOCABULARY/code} for a project code system, the system itself when it has no mapping, the bare code without one. */
  public static Column code(Column system, Column code) {
    Column vocabulary = null;
    for (Map.Entry<String, String> v : MedsSchema.VOCABULARIES.entrySet()) {
      vocabulary = vocabulary == null
          ? when(system.equalTo(v.getKey()), lit(v.getValue()))
          : vocabulary.when(system.equalTo(v.getKey()), lit(v.getValue()));
    }
    Column named = vocabulary.otherwise(system);
    return when(system.isNull(), code).otherwise(concat(named, lit("/"), code));
  }

  private static Column prefixed(String prefix, Column value) {
    return coalesce(concat(lit(prefix + "/"), value), lit(prefix));
  }

  private static Dataset<Row> staticEvent(Dataset<Row> patients, String column, String prefix) {
    return event(patients.where(col(column).isNotNull()), lit(null).cast("timestamp"), prefixed(prefix, col(column)),
        RawSchemas.PATIENTS, null, null, null, lit(column));
  }

  private static Dataset<Row> coded(Dataset<Row> table, Column time, String name, Column number, Column text) {
    return event(table.where(col("code").isNotNull()), time, code(col("code_system"), col("code")), name, number, text,
        null, col("description"));
  }

  private static Dataset<Row> event(Dataset<Row> table, Column time, Column code, String name, Column number,
      Column text, Column recordId, Column description) {
    return table.select(
        col("patient_id"),
        time.as("time"),
        code.as(MedsSchema.CODE),
        (number == null ? lit(null) : number).cast("float").as(MedsSchema.NUMERIC_VALUE),
        (text == null ? lit(null) : text).cast("string").as(MedsSchema.TEXT_VALUE),
        lit(name).as(MedsSchema.TABLE),
        (recordId == null ? lit(null) : recordId).cast("string").as(MedsSchema.RECORD_ID),
        description.cast("string").as("description"));
  }
}
