package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The shape both readers hand to {@link IngestTransform}: every column of the table's raw schema as text
 * (typed and checked later, in one place), then where the row came from ({@code _source_file},
 * {@code _record}), the id duplicates are judged by ({@code _key}, null when the table has none), and a
 * problem the reader already found ({@code _error_field}, {@code _error_reason}: malformed line, invalid
 * JSON, ...).
 */
final class Staged {

  static final String SOURCE_FILE = NumberedLines.SOURCE_FILE;
  static final String RECORD = NumberedLines.RECORD;
  static final String KEY = "_key";
  static final String ERROR_FIELD = "_error_field";
  static final String ERROR_REASON = "_error_reason";
  /** What Hadoop's and Spark's UTF-8 decoding leaves where the input had bytes that are not UTF-8. */
  static final String REPLACEMENT = "\uFFFD";

  private Staged() {}

  /**
   * What a reader hands on: the staged tables, and per table the files it was read from (as the
   * quarantine names them; the folder for Synthea's per-patient notes files); absent when there were none.
   */
  record Tables(Map<String, Dataset<Row>> staged, Map<String, List<String>> sources) {}

  /** The staged schema of {@code table}. */
  static StructType schema(String table) {
    StructType s = new StructType();
    for (StructField f : RawSchemas.of(table).fields()) {
      s = s.add(f.name(), StringType, true);
    }
    return s.add(SOURCE_FILE, StringType, true)
        .add(RECORD, LongType, true)
        .add(KEY, StringType, true)
        .add(ERROR_FIELD, StringType, true)
        .add(ERROR_REASON, StringType, true);
  }

  /**
   * Selects the staged columns of {@code table} from {@code df}: {@code values} maps a model column to its
   * expression (missing ones are null), {@code key} the id duplicates are judged by, {@code errorField} and
   * {@code errorReason} a problem the reader found. When {@code badBytes} (the record held bytes that are
   * not UTF-8) and no other problem, the first model column whose value holds them is named with
   * {@link IngestTransform#NOT_UTF8}; bad bytes only in columns the model does not use are harmless.
   */
  static Dataset<Row> select(
      Dataset<Row> df,
      String table,
      Map<String, Column> values,
      Column key,
      Column errorField,
      Column errorReason,
      Column badBytes) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : RawSchemas.of(table).fields()) {
      Column c = values.get(f.name());
      cols.add((c == null ? Canonical.nullString() : c.cast(StringType)).as(f.name()));
    }
    for (String unknown : values.keySet()) {
      if (!RawSchemas.of(table).getFieldIndex(unknown).isDefined()) {
        throw new IllegalArgumentException("not a column of " + table + ": " + unknown);
      }
    }
    cols.add(col(SOURCE_FILE).cast(StringType).as(SOURCE_FILE));
    cols.add(col(RECORD).cast(LongType).as(RECORD));
    cols.add(key.cast(StringType).as(KEY));
    cols.add(errorField.cast(StringType).as(ERROR_FIELD));
    cols.add(errorReason.cast(StringType).as(ERROR_REASON));
    cols.add(badBytes.as(BAD_BYTES));
    return withNotUtf8(df.select(cols.toArray(new Column[0])), table, values.keySet());
  }

  private static final String BAD_BYTES = "_bad_bytes";

  /**
   * Names the first model column holding U+FFFD when the record had bad bytes and no other problem. A
   * projection of its own over the staged columns (not over the readers' expressions), so that the check
   * stays small whatever the mapping.
   */
  private static Dataset<Row> withNotUtf8(Dataset<Row> staged, String table, java.util.Set<String> mapped) {
    List<Column> checks = new ArrayList<>();
    for (StructField f : RawSchemas.of(table).fields()) {
      if (mapped.contains(f.name())) {
        checks.add(when(col(f.name()).contains(REPLACEMENT), lit(f.name())));
      }
    }
    if (checks.isEmpty()) {
      return staged.drop(BAD_BYTES);
    }
    Column notUtf8 = when(col(BAD_BYTES).and(col(ERROR_REASON).isNull()), coalesce(checks.toArray(new Column[0])));
    return staged
        .withColumn(ERROR_FIELD, coalesce(col(ERROR_FIELD), notUtf8))
        .withColumn(ERROR_REASON, coalesce(col(ERROR_REASON), when(notUtf8.isNotNull(), lit(IngestTransform.NOT_UTF8))))
        .drop(BAD_BYTES);
  }

  static Dataset<Row> empty(SparkSession spark, String table) {
    return spark.createDataFrame(List.of(), schema(table));
  }

  /** Union of staged parts of one table; empty when there are none. */
  static Dataset<Row> union(SparkSession spark, String table, List<Dataset<Row>> parts) {
    Dataset<Row> out = null;
    for (Dataset<Row> p : parts) {
      out = out == null ? p : out.unionByName(p);
    }
    return out == null ? empty(spark, table) : out;
  }
}
