package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * Pure steps from staged rows (all text, see {@link Staged}) to the raw model and its quarantine: type each
 * column and record the first problem of each row ({@link #conform}), reject later copies of an id
 * ({@link #rejectDuplicates}), reject rows that point to a patient or encounter that is not in the output
 * ({@link #rejectMissingReferences}), then split into {@link #valid} rows and {@link #quarantine} rows.
 *
 * <p>A row's problem is a struct {@code _error (field, reason)}; reasons are the constants below and never
 * carry a value from the data.
 */
public final class IngestTransform {

  public static final String UNREADABLE = "file cannot be read past this line (truncated or corrupt)";
  public static final String UNTERMINATED_QUOTE = "unterminated quote";
  public static final String EXTRA_FIELDS = "more fields than the header";
  public static final String MISSING_FIELDS = "fewer fields than the header";
  public static final String MALFORMED_CSV = "malformed CSV line";
  public static final String NOT_UTF8 = "bytes that are not UTF-8";
  public static final String TEXT_TOO_LONG = "note text longer than the limit";
  public static final String INVALID_JSON = "invalid JSON";
  public static final String WRONG_RESOURCE_TYPE = "unexpected resourceType";
  public static final String INVALID_BASE64 = "attachment is not valid base64";
  public static final String UNATTRIBUTED_NOTE = "note cannot be attributed to an encounter";
  public static final String MISSING = "missing required value";
  public static final String NOT_A_DATE = "not a valid date";
  public static final String NOT_A_TIMESTAMP = "not a valid timestamp";
  public static final String NOT_A_NUMBER = "not a valid number";
  public static final String NOT_AN_INTEGER = "not a valid integer";
  public static final String UNKNOWN_CODE_SYSTEM = "unknown code system";
  public static final String DUPLICATE_ID = "duplicate id";
  public static final String MISSING_PATIENT = "references a missing patient";
  public static final String MISSING_ENCOUNTER = "references a missing encounter";

  /** Every reason this job writes, for documentation and tests. */
  public static final List<String> REASONS =
      List.of(
          UNREADABLE, UNTERMINATED_QUOTE, EXTRA_FIELDS, MISSING_FIELDS, MALFORMED_CSV, NOT_UTF8, TEXT_TOO_LONG,
          INVALID_JSON, WRONG_RESOURCE_TYPE, INVALID_BASE64, UNATTRIBUTED_NOTE, MISSING,
          NOT_A_DATE, NOT_A_TIMESTAMP, NOT_A_NUMBER, NOT_AN_INTEGER, UNKNOWN_CODE_SYSTEM, DUPLICATE_ID,
          MISSING_PATIENT, MISSING_ENCOUNTER);

  /** Reasons that fail the job whatever their share: the file itself is damaged, rows were lost. */
  public static final List<String> FATAL = List.of(UNREADABLE);

  /** Default of {@code --max-note-bytes}: Synthea's notes are a few kB; a 1 MiB note is not a note. */
  public static final long MAX_TEXT_BYTES = 1L << 20;

  static final String ERROR = "_error";

  private IngestTransform() {}

  /**
   * Types every column of {@code table} and sets {@code _error} to the first problem found, in this order:
   * the reader's own (malformed line, invalid JSON), then per column in schema order a missing required
   * value or a value that does not read as the column's type, then a note text over {@code maxTextBytes}
   * (UTF-8), then an unknown code system.
   */
  public static Dataset<Row> conform(String table, Dataset<Row> staged) {
    return conform(table, staged, MAX_TEXT_BYTES);
  }

  public static Dataset<Row> conform(String table, Dataset<Row> staged, long maxTextBytes) {
    List<Column> typed = new ArrayList<>();
    List<Column[]> checks = new ArrayList<>();
    checks.add(
        new Column[] {
          col(Staged.ERROR_REASON).isNotNull(), struct(col(Staged.ERROR_FIELD).as("field"), col(Staged.ERROR_REASON).as("reason"))
        });
    for (StructField f : RawSchemas.of(table).fields()) {
      Column raw = col(f.name());
      Column value = typed(raw, f.dataType());
      typed.add(value.as(f.name()));
      if (RawSchemas.isRequired(f)) {
        checks.add(new Column[] {raw.isNull(), problem(f.name(), MISSING)});
      }
      if (!f.dataType().equals(StringType)) {
        checks.add(new Column[] {raw.isNotNull().and(value.isNull()), problem(f.name(), typeReason(f.dataType()))});
      }
    }
    if (RawSchemas.of(table).getFieldIndex("text").isDefined()) {
      checks.add(new Column[] {octet_length(col("text")).gt(maxTextBytes), problem("text", TEXT_TOO_LONG)});
    }
    if (RawSchemas.of(table).getFieldIndex("code_system").isDefined()) {
      Column known = col("code_system").isin(RawSchemas.CODE_SYSTEMS.toArray());
      checks.add(
          new Column[] {
            col("code").isNotNull().and(col("code_system").isNull().or(known.equalTo(false))),
            problem("code_system", UNKNOWN_CODE_SYSTEM)
          });
    }
    Column error = null;
    for (Column[] c : checks) {
      error = error == null ? when(c[0], c[1]) : error.when(c[0], c[1]);
    }
    typed.add(col(Staged.SOURCE_FILE));
    typed.add(col(Staged.RECORD));
    typed.add(col(Staged.KEY));
    typed.add(error.as(ERROR));
    return staged.select(typed.toArray(new Column[0]));
  }

  /**
   * Keeps the first row of each {@code _key} (by source file, then record) among rows without a problem;
   * later ones get {@code duplicate id} on {@code idField}. Rows without a key are left alone.
   */
  public static Dataset<Row> rejectDuplicates(Dataset<Row> conformed, String idField) {
    Column candidate = col(ERROR).isNull().and(col(Staged.KEY).isNotNull());
    // Rows that are not candidates are spread by their own position, so that a table without ids (or
    // with many rejected rows) does not end up in one window partition.
    Column group =
        when(candidate, concat(lit("k:"), col(Staged.KEY)))
            .otherwise(concat_ws(":", lit("r"), col(Staged.SOURCE_FILE), col(Staged.RECORD).cast(StringType)));
    Column rank =
        row_number().over(Window.partitionBy(group).orderBy(col(Staged.SOURCE_FILE), col(Staged.RECORD)));
    return conformed.withColumn(
        ERROR, when(candidate.and(rank.gt(1)), problem(idField, DUPLICATE_ID)).otherwise(col(ERROR)));
  }

  /**
   * Gives rows whose {@code column} is set but not among {@code ids} (a one-column Dataset of the valid
   * ids) the problem {@code reason}, unless they already have one.
   */
  public static Dataset<Row> rejectMissingReferences(
      Dataset<Row> df, String column, Dataset<Row> ids, String reason) {
    Dataset<Row> known = ids.select(col(ids.columns()[0]).as("_ref_id")).withColumn("_ref_ok", lit(true));
    Dataset<Row> joined = df.join(known, df.col(column).equalTo(known.col("_ref_id")), "left");
    Column missing = col(ERROR).isNull().and(col(column).isNotNull()).and(col("_ref_ok").isNull());
    return joined
        .withColumn(ERROR, when(missing, problem(column, reason)).otherwise(col(ERROR)))
        .drop("_ref_id", "_ref_ok");
  }

  /** The rows without a problem, in the table's raw schema. */
  public static Dataset<Row> valid(String table, Dataset<Row> checked) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : RawSchemas.of(table).fields()) {
      cols.add(col(f.name()).as(f.name(), f.metadata()));
    }
    return checked.filter(col(ERROR).isNull()).select(cols.toArray(new Column[0]));
  }

  /** The rows with a problem, in the quarantine schema. */
  public static Dataset<Row> quarantine(String table, Dataset<Row> checked) {
    return checked
        .filter(col(ERROR).isNotNull())
        .select(
            lit(table).as("table_name"),
            col(Staged.SOURCE_FILE).as("source_file"),
            col(Staged.RECORD).as("record"),
            col(ERROR + ".field").as("field"),
            col(ERROR + ".reason").as("reason"));
  }

  private static Column problem(String field, String reason) {
    return struct(lit(field).cast(StringType).as("field"), lit(reason).as("reason"));
  }

  /**
   * The typed value of {@code raw}; null when it does not read as {@code type}. Never throws, ANSI or not.
   * Dates and timestamps must be ISO 8601 with a full date ({@link Canonical#ISO_DATE}): Spark alone would
   * also read {@code 2019} as 2019-01-01 and {@code T10:00} as today.
   */
  static Column typed(Column raw, DataType type) {
    if (type.equals(DateType)) {
      return to_date(Canonical.timestamp(raw));
    }
    if (type.equals(TimestampType)) {
      return Canonical.timestamp(raw);
    }
    if (type.equals(DoubleType)) {
      return when(raw.rlike(Canonical.NUMBER), raw.cast(DoubleType));
    }
    if (type.equals(LongType)) {
      return when(raw.rlike(Canonical.INTEGER), raw.cast(LongType));
    }
    return raw.cast(StringType);
  }

  private static String typeReason(DataType type) {
    if (type.equals(DateType)) {
      return NOT_A_DATE;
    }
    if (type.equals(TimestampType)) {
      return NOT_A_TIMESTAMP;
    }
    if (type.equals(LongType)) {
      return NOT_AN_INTEGER;
    }
    return NOT_A_NUMBER;
  }
}
