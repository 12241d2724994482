package io.clinicalpipeline.common.model;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The raw canonical clinical model: what both readers (Synthea CSV, FHIR R4 bulk NDJSON) produce before
 * de-identification. Explicit schemas, never inferred. Identifiers are the source's own; timestamps are UTC.
 *
 * <p>The de-identified layer keeps the same table names and drops or generalises the PHI columns.
 */
public final class RawSchemas {

  public static final String PATIENTS = "patients";
  public static final String ENCOUNTERS = "encounters";
  public static final String CONDITIONS = "conditions";
  public static final String OBSERVATIONS = "observations";
  public static final String MEDICATIONS = "medications";
  public static final String PROCEDURES = "procedures";
  public static final String NOTES = "notes";
  public static final String QUARANTINE = "quarantine";

  /** The clinical tables in the order jobs process them. */
  public static final List<String> TABLES =
      List.of(PATIENTS, ENCOUNTERS, CONDITIONS, OBSERVATIONS, MEDICATIONS, PROCEDURES, NOTES);

  /** One row per patient, with every PHI column the sources carry. */
  public static final StructType PATIENTS_SCHEMA =
      schema(
          required("patient_id", StringType),
          field("mrn", StringType),
          field("birth_date", DateType),
          field("death_date", DateType),
          field("ssn", StringType),
          field("drivers_license", StringType),
          field("passport", StringType),
          field("prefix", StringType),
          field("first_name", StringType),
          field("middle_name", StringType),
          field("last_name", StringType),
          field("suffix", StringType),
          field("maiden_name", StringType),
          field("marital_status", StringType),
          field("race", StringType),
          field("ethnicity", StringType),
          field("sex", StringType),
          field("birthplace", StringType),
          field("address", StringType),
          field("city", StringType),
          field("state", StringType),
          field("county", StringType),
          field("fips", StringType),
          field("zip", StringType),
          field("latitude", DoubleType),
          field("longitude", DoubleType),
          field("phone", StringType));

  public static final StructType ENCOUNTERS_SCHEMA =
      schema(
          required("encounter_id", StringType),
          required("patient_id", StringType),
          field("organization_id", StringType),
          field("provider_id", StringType),
          field("payer_id", StringType),
          field("encounter_class", StringType),
          field("code_system", StringType),
          field("code", StringType),
          field("description", StringType),
          required("start_time", TimestampType),
          field("end_time", TimestampType),
          field("reason_code", StringType),
          field("reason_description", StringType));

  public static final StructType CONDITIONS_SCHEMA =
      schema(
          required("patient_id", StringType),
          field("encounter_id", StringType),
          field("code_system", StringType),
          required("code", StringType),
          field("description", StringType),
          required("start_date", DateType),
          field("stop_date", DateType));

  public static final StructType OBSERVATIONS_SCHEMA =
      schema(
          required("patient_id", StringType),
          field("encounter_id", StringType),
          field("category", StringType),
          field("code_system", StringType),
          required("code", StringType),
          field("description", StringType),
          field("value_numeric", DoubleType),
          field("value_text", StringType),
          field("units", StringType),
          required("effective_time", TimestampType));

  public static final StructType MEDICATIONS_SCHEMA =
      schema(
          required("patient_id", StringType),
          field("encounter_id", StringType),
          field("code_system", StringType),
          required("code", StringType),
          field("description", StringType),
          required("start_time", TimestampType),
          field("stop_time", TimestampType),
          field("reason_code", StringType),
          field("reason_description", StringType),
          field("dispenses", LongType));

  public static final StructType PROCEDURES_SCHEMA =
      schema(
          required("patient_id", StringType),
          field("encounter_id", StringType),
          field("code_system", StringType),
          required("code", StringType),
          field("description", StringType),
          required("start_time", TimestampType),
          field("stop_time", TimestampType),
          field("reason_code", StringType),
          field("reason_description", StringType));

  /** Free-text notes; {@code text} holds PHI until de-identified. */
  public static final StructType NOTES_SCHEMA =
      schema(
          required("note_id", StringType),
          required("patient_id", StringType),
          field("encounter_id", StringType),
          field("note_type", StringType),
          required("note_time", TimestampType),
          required("text", StringType));

  /**
   * Rejected input, never silently dropped. {@code reason} never holds a value from the data, only a
   * description of what was wrong; {@code record} is the line or record number in {@code source_file}.
   */
  public static final StructType QUARANTINE_SCHEMA =
      schema(
          required("table_name", StringType),
          required("source_file", StringType),
          required("record", LongType),
          field("field", StringType),
          required("reason", StringType));

  public static final Map<String, StructType> BY_TABLE =
      Map.of(
          PATIENTS, PATIENTS_SCHEMA,
          ENCOUNTERS, ENCOUNTERS_SCHEMA,
          CONDITIONS, CONDITIONS_SCHEMA,
          OBSERVATIONS, OBSERVATIONS_SCHEMA,
          MEDICATIONS, MEDICATIONS_SCHEMA,
          PROCEDURES, PROCEDURES_SCHEMA,
          NOTES, NOTES_SCHEMA,
          QUARANTINE, QUARANTINE_SCHEMA);

  /** Code systems the model accepts; anything else is quarantined as an unknown code system. */
  public static final List<String> CODE_SYSTEMS =
      List.of("SNOMED", "LOINC", "RxNorm", "ICD-10-CM", "CPT", "CVX", "DICOM-DCM", "DICOM-SOP", "NUBC");

  private RawSchemas() {}

  /** The schema of {@code table}; fails naming the table when it is not part of the model. */
  public static StructType of(String table) {
    StructType s = BY_TABLE.get(table);
    if (s == null) {
      throw new IllegalArgumentException("unknown table: " + table + " (expected one of " + TABLES + ")");
    }
    return s;
  }

  static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  static StructField field(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  /** A column the readers require: rows without it are quarantined. Nullable in Spark's sense. */
  static StructField required(String name, DataType type) {
    return new StructField(
        name, type, true, new org.apache.spark.sql.types.MetadataBuilder().putBoolean("required", true).build());
  }

  /** Whether the model marks {@code field} as required. */
  public static boolean isRequired(StructField field) {
    return field.metadata().contains("required") && field.metadata().getBoolean("required");
  }
}
