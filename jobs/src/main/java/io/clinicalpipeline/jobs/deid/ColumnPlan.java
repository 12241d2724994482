package io.clinicalpipeline.jobs.deid;

import io.clinicalpipeline.common.model.RawSchemas;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What happens to each column of a raw table, decided by column name and type so that columns the raw
 * model gains later are handled too: identifiers become pseudonyms, dates move by the policy, PHI
 * columns are dropped, the patients' ZIP becomes ZIP3, everything else is copied.
 */
public final class ColumnPlan implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What one output column is made of. */
  public enum Op {
    COPY,
    PSEUDONYM,
    DATE,
    TIMESTAMP,
    BIRTH_DATE,
    ZIP3,
    TEXT,
    /** A free-text value whose meaning depends on the row's code: identifier codes lose the value. */
    CODED_VALUE
  }

  /**
   * Observation codes whose value is itself a direct identifier (LOINC; Synthea's social-history survey
   * records the patient's street address as observation 56799-0). Their value becomes the type's tag.
   */
  static final java.util.Map<String, PhiType> IDENTIFIER_CODES =
      java.util.Map.of("56799-0", PhiType.ADDRESS, "45401-7", PhiType.ZIP);

  /** The identifier columns the contract names; any other {@code *_id} column is pseudonymised too. */
  public static final Set<String> ID_COLUMNS =
      Set.of("patient_id", "encounter_id", "note_id", "organization_id", "provider_id", "payer_id");

  /** The only patient columns that survive. */
  public static final List<String> PATIENT_COLUMNS =
      List.of("patient_id", "birth_date", "death_date", "sex", "race", "ethnicity", "marital_status", "state", "zip");

  /** The only note columns that survive. */
  public static final List<String> NOTE_COLUMNS =
      List.of("note_id", "patient_id", "encounter_id", "note_type", "note_time", "text");

  /** Column names that carry direct identifiers wherever they appear. */
  static final Pattern PHI_COLUMN =
      Pattern.compile(
          "(?:^|_)(?:mrn|ssn|drivers_license|license|licence|passport|prefix|suffix|first_name|middle_name|last_name"
              + "|maiden_name|name|names|birthplace|address|address_line|street|city|county|fips|zip|zip_code|postal_code"
              + "|latitude|longitude|lat|lon|phone|telecom|fax|email|url|ip|ip_address|account|account_number"
              + "|serial|serial_number|udi|device_id|certificate|plate|vin|photo|biometric)(?:$|_)");

  private final String table;
  private final String[] outNames;
  private final int[] sources;
  private final Op[] ops;
  private final int patientIdIndex;
  private final int deathDateIndex;
  private final int codeIndex;
  private final StructType outputSchema;
  private final List<String> dropped;

  private ColumnPlan(String table, StructType in) {
    this.table = table;
    List<String> names = new ArrayList<>();
    List<Integer> src = new ArrayList<>();
    List<Op> op = new ArrayList<>();
    List<StructField> fields = new ArrayList<>();
    List<String> drop = new ArrayList<>();
    for (int i = 0; i < in.fields().length; i++) {
      StructField f = in.fields()[i];
      String name = f.name();
      String lower = name.toLowerCase(Locale.ROOT);
      Op o = opFor(table, lower, f);
      if (o == null) {
        drop.add(name);
        continue;
      }
      String outName = o == Op.ZIP3 ? "zip3" : name;
      names.add(outName);
      src.add(i);
      op.add(o);
      fields.add(
          o == Op.ZIP3 || o == Op.PSEUDONYM
              ? new StructField(outName, DataTypes.StringType, true, f.metadata())
              : new StructField(outName, f.dataType(), true, f.metadata()));
    }
    this.outNames = names.toArray(new String[0]);
    this.sources = src.stream().mapToInt(Integer::intValue).toArray();
    this.ops = op.toArray(new Op[0]);
    this.patientIdIndex = indexOf(in, "patient_id");
    this.deathDateIndex = indexOf(in, "death_date");
    this.codeIndex = indexOf(in, "code");
    this.outputSchema = new StructType(fields.toArray(new StructField[0]));
    this.dropped = List.copyOf(drop);
  }

  public static ColumnPlan of(String table, StructType in) {
    return new ColumnPlan(table, in);
  }

  private static Op opFor(String table, String name, StructField f) {
    boolean patients = RawSchemas.PATIENTS.equals(table);
    boolean notes = RawSchemas.NOTES.equals(table);
    if (patients && !PATIENT_COLUMNS.contains(name) || notes && !NOTE_COLUMNS.contains(name)) {
      return null;
    }
    if (ID_COLUMNS.contains(name) || name.endsWith("_id")) {
      return Op.PSEUDONYM;
    }
    if (patients && name.equals("zip")) {
      return Op.ZIP3;
    }
    if (notes && name.equals("text")) {
      return Op.TEXT;
    }
    if (RawSchemas.OBSERVATIONS.equals(table) && name.equals("value_text")) {
      return Op.CODED_VALUE;
    }
    if (PHI_COLUMN.matcher(name).find()) {
      return null;
    }
    if (patients && name.equals("birth_date")) {
      return Op.BIRTH_DATE;
    }
    if (f.dataType().equals(DataTypes.DateType)) {
      return Op.DATE;
    }
    if (f.dataType().equals(DataTypes.TimestampType) || f.dataType().equals(DataTypes.TimestampNTZType)) {
      return Op.TIMESTAMP;
    }
    return Op.COPY;
  }

  private static int indexOf(StructType s, String name) {
    for (int i = 0; i < s.fields().length; i++) {
      if (s.fields()[i].name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public String table() {
    return table;
  }

  public StructType outputSchema() {
    return outputSchema;
  }

  /** Names of the raw columns this plan drops (names only, never values). */
  public List<String> dropped() {
    return dropped;
  }

  public List<String> columns(Op op) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ops.length; i++) {
      if (ops[i] == op) {
        out.add(outNames[i]);
      }
    }
    return out;
  }

  int size() {
    return ops.length;
  }

  Op op(int i) {
    return ops[i];
  }

  int source(int i) {
    return sources[i];
  }

  int patientIdIndex() {
    return patientIdIndex;
  }

  int deathDateIndex() {
    return deathDateIndex;
  }

  /** The raw {@code code} column, or -1. */
  int codeIndex() {
    return codeIndex;
  }
}
