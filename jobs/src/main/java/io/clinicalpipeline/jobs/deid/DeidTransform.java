package io.clinicalpipeline.jobs.deid;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.xxhash64;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The de-identification transforms, pure {@code Dataset -> Dataset}: no paths, no session building.
 * Output rows are hash-partitioned by the pseudonymous patient id into a fixed number of partitions and
 * sorted within each by hashes of the patient id and the row, then every column (a total order), so the same
 * input and key always give the same files, and no file keeps the raw input's order.
 */
public final class DeidTransform {

  private DeidTransform() {}

  /** A structured table (any but notes). */
  public static Dataset<Row> table(Dataset<Row> raw, String table, DeidSettings settings, int partitions) {
    ColumnPlan plan = ColumnPlan.of(table, raw.schema());
    Dataset<Row> out =
        raw.mapPartitions(new StructuredDeidFunction(plan, settings), Encoders.row(plan.outputSchema()));
    return ordered(out, partitions);
  }

  /**
   * Notes joined with their patient's identifiers, scrubbed; the result keeps {@code phi_<TYPE>} count
   * columns (see {@link #withoutCounts}). Scrubbing, the costly part, runs in at least twice as many
   * partitions as the session has cores, whatever the number of output files.
   */
  public static Dataset<Row> notesWithCounts(
      Dataset<Row> notes, Dataset<Row> rawPatients, DeidSettings settings, int partitions) {
    int cores = notes.sparkSession().sparkContext().defaultParallelism();
    return notesWithCounts(notes, rawPatients, settings, partitions, Math.max(partitions, 2 * cores));
  }

  /**
   * As above, scrubbing in {@code scrubPartitions} partitions. The written rows do not depend on it: a
   * note's scrubbed text depends only on the note, its patient's identifiers and the key (every note of a
   * patient is in one partition, in one order), and {@link #ordered} then fixes the files.
   */
  static Dataset<Row> notesWithCounts(
      Dataset<Row> notes, Dataset<Row> rawPatients, DeidSettings settings, int partitions, int scrubPartitions) {
    List<Column> patientCols = new ArrayList<>();
    patientCols.add(col("patient_id").as("__pid"));
    for (String c : NoteScrubFunction.PATIENT_IDENTIFIERS.keySet().stream().sorted().toList()) {
      if (List.of(rawPatients.columns()).contains(c)) {
        patientCols.add(col(c).cast(DataTypes.StringType).as(NoteScrubFunction.PATIENT_PREFIX + c));
      }
    }
    Dataset<Row> p = rawPatients.select(patientCols.toArray(new Column[0]));
    Dataset<Row> joined =
        notes
            .join(p, notes.col("patient_id").equalTo(p.col("__pid")), "left")
            .drop("__pid")
            .repartition(scrubPartitions, col("patient_id"))
            .sortWithinPartitions(col("patient_id"), col("note_time"), col("note_id"));
    ColumnPlan plan = ColumnPlan.of(RawSchemas.NOTES, joined.schema());
    Dataset<Row> scrubbed =
        joined.mapPartitions(
            new NoteScrubFunction(plan, settings, joined.schema()),
            Encoders.row(NoteScrubFunction.outputSchema(plan)));
    return ordered(scrubbed, partitions);
  }

  /** Drops the {@code phi_<TYPE>} count columns. */
  public static Dataset<Row> withoutCounts(Dataset<Row> notes) {
    List<String> counts = new ArrayList<>();
    for (PhiType t : PhiType.values()) {
      counts.add("phi_" + t.name());
    }
    return notes.drop(counts.toArray(new String[0]));
  }

  /**
   * Hash-partitions by the pseudonymous patient id and sorts each partition by (order key, patient id, a 64-bit
   * hash of every column, every column): a total order that does not depend on the input order. The order
   * key holds a hash of the patient id in its high 32 bits and of the row in its low 32 bits, so rows stay
   * grouped by patient and the sort's 64-bit prefix alone orders almost every pair; the other keys only
   * break ties.
   */
  static Dataset<Row> ordered(Dataset<Row> df, int partitions) {
    List<Column> sort = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.dataType().equals(DataTypes.BinaryType)) {
        sort.add(col(f.name()).asc_nulls_first());
        values.add(col(f.name()));
      }
    }
    boolean byPatient = List.of(df.columns()).contains("patient_id");
    Column key = byPatient ? col("patient_id") : values.get(0);
    Column rowHash = xxhash64(values.toArray(new Column[0]));
    Column orderKey = shiftleft(xxhash64(key), 32).bitwiseOR(col(ROW_HASH).bitwiseAND(lit(0xffffffffL)));
    List<Column> order = new ArrayList<>();
    order.add(col(ORDER_KEY));
    order.add(key.asc_nulls_first());
    order.add(col(ROW_HASH));
    order.addAll(sort);
    return df.withColumn(ROW_HASH, rowHash)
        .withColumn(ORDER_KEY, orderKey)
        .repartition(partitions, key)
        .sortWithinPartitions(order.toArray(new Column[0]))
        .drop(ORDER_KEY, ROW_HASH);
  }

  private static final String ROW_HASH = "__row_hash";
  private static final String ORDER_KEY = "__order_key";
}
