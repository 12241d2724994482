package io.clinicalpipeline.jobs.meds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the MEDS standard (version {@link #MEDS_VERSION}) this project writes and checks: the data
 * schema ({@code subject_id} int64, {@code time} timestamp[us] without a time zone and null for static events,
 * {@code code} string, {@code numeric_value} float32, further columns allowed), the label schema, the subject
 * split schema, the code metadata schema and the dataset metadata properties, and the file layout
 * ({@code data/**}{@code /*.parquet}, {@code metadata/codes.parquet}, {@code metadata/subject_splits.parquet},
 * {@code metadata/dataset.json}).
 */
public final class MedsSchema {

  public static final String MEDS_VERSION = "0.3.3";

  public static final String SUBJECT_ID = "subject_id";
  public static final String TIME = "time";
  public static final String CODE = "code";
  public static final String NUMERIC_VALUE = "numeric_value";
  /** Optional in the standard: the text of an event (here a note's text, an observation's text value). */
  public static final String TEXT_VALUE = "text_value";
  /** This project's extra columns: the de-identified table an event came from, and its record pseudonym. */
  public static final String TABLE = "table";
  public static final String RECORD_ID = "record_id";

  public static final String PREDICTION_TIME = "prediction_time";
  public static final String BOOLEAN_VALUE = "boolean_value";
  public static final String SPLIT = "split";

  public static final String BIRTH = "MEDS_BIRTH";
  public static final String DEATH = "MEDS_DEATH";

  public static final String TRAIN = "train";
  public static final String TUNING = "tuning";
  public static final String HELD_OUT = "held_out";

  public static final String DATA = "data";
  public static final String METADATA = "metadata";
  public static final String LABELS = "labels";
  public static final String CODES_FILE = "codes.parquet";
  public static final String SPLITS_FILE = "subject_splits.parquet";
  public static final String DATASET_FILE = "dataset.json";

  /** The string properties of {@code dataset.json}. */
  public static final List<String> DATASET_PROPERTIES =
      List.of("dataset_name", "dataset_version", "etl_name", "etl_version", "meds_version", "created_at");

  /**
   * The project's code systems ({@code RawSchemas.CODE_SYSTEMS}) and the vocabulary names their codes carry in
   * MEDS ({@code VOCABULARY/code}, OMOP's vocabulary ids). One to one, so a MEDS code reads back to the system.
   */
  public static final Map<String, String> VOCABULARIES = vocabularies();

  private MedsSchema() {}

  /** The project's split names ({@code Splits.ALL}) and MEDS's, in the same order. */
  public static final Map<String, String> SPLITS =
      Map.of("train", TRAIN, "validation", TUNING, "test", HELD_OUT);

  private static Map<String, String> vocabularies() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("SNOMED", "SNOMED");
    m.put("LOINC", "LOINC");
    m.put("RxNorm", "RxNorm");
    m.put("ICD-10-CM", "ICD10CM");
    m.put("CPT", "CPT4");
    m.put("CVX", "CVX");
    m.put("DICOM-DCM", "DICOM-DCM");
    m.put("DICOM-SOP", "DICOM-SOP");
    m.put("NUBC", "NUBC");
    return Map.copyOf(m);
  }
}
