package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
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

  private Staged() {}

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
   * expression (missing ones are null); {@code meta} the five bookkeeping columns by name.
   */
  static Dataset<Row> select(
      Dataset<Row> df, String table, Map<String, Column> values, Column key, Column errorField, Column errorReason) {
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
    return df.select(cols.toArray(new Column[0]));
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
