package io.clinicalpipeline.jobs.deid;

import static org.apache.spark.sql.functions.col;

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
 * sorted within each by every column, so the same input and key always give the same files.
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
   * columns (see {@link #withoutCounts}).
   */
  public static Dataset<Row> notesWithCounts(
      Dataset<Row> notes, Dataset<Row> rawPatients, DeidSettings settings, int partitions) {
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
            .repartition(partitions, col("patient_id"))
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

  static Dataset<Row> ordered(Dataset<Row> df, int partitions) {
    List<Column> sort = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.dataType().equals(DataTypes.BinaryType)) {
        sort.add(col(f.name()).asc_nulls_first());
      }
    }
    Column key = List.of(df.columns()).contains("patient_id") ? col("patient_id") : sort.get(0);
    return df.repartition(partitions, key).sortWithinPartitions(sort.toArray(new Column[0]));
  }
}
