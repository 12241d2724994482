package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one heavy pass of the feature job, in the manner of MEDS-Tab: the long event table is joined once to
 * the examples' prediction times, events at or after the prediction time are dropped, and one group-by
 * on {@code (row_id, source, key)} computes every window's aggregates at once with conditional
 * aggregates (windows are nested: all end at the prediction time).
 *
 * <p>Output: {@code row_id, source, key} and per window {@code w} (days): {@code n_w} (events: the sum of
 * their weights), and for
 * each lookback window {@code vn_w, sum_w, min_w, max_w, last_w} over the events' numeric values.
 */
public final class WindowedAggregation {

  private static final long DAY_SECONDS = 86_400L;

  private WindowedAggregation() {}

  public static Dataset<Row> aggregate(TaskSpec spec, Dataset<Row> events, Dataset<Row> examples) {
    Column pt = col("prediction_time");
    Column secondsBefore = pt.cast("double").minus(col("event_time").cast("double"));
    Dataset<Row> joined =
        valuesPerTime(events)
            .join(examples.select("row_id", "patient_id", "prediction_time"), "patient_id")
            .where(col("event_time").lt(pt))
            .withColumn("before_s", secondsBefore)
            .where(col("before_s").leq((double) spec.maxLookbackDays() * DAY_SECONDS));

    List<Column> aggs = new ArrayList<>();
    for (int w : spec.aggregationWindows()) {
      aggs.add(coalesce(sum(when(inWindow(w), col("weight"))), lit(0L)).as(n(w)));
    }
    if (spec.features().observations().enabled()) {
      // The latest value before the prediction time, ties on time resolved to the larger value: times are
      // unique per group after valuesPerTime, so max_by never depends on row order. Windows all end at the
      // prediction time, so a window's latest value is this one whenever the window holds any value.
      aggs.add(max_by(col("vmax"), when(col("vn").gt(0), col("event_time"))).as("last"));
      for (int w : spec.lookbackWindows()) {
        aggs.add(coalesce(sum(when(inWindow(w), col("vn"))), lit(0L)).as("vn_" + w));
        aggs.add(sum(when(inWindow(w), col("vsum"))).as("sum_" + w));
        aggs.add(min(when(inWindow(w), col("vmin"))).as("min_" + w));
        aggs.add(max(when(inWindow(w), col("vmax"))).as("max_" + w));
      }
    }
    Dataset<Row> grouped =
        joined
            .groupBy("row_id", "source", "key")
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    if (!spec.features().observations().enabled()) {
      return grouped;
    }
    for (int w : spec.lookbackWindows()) {
      grouped = grouped.withColumn("last_" + w, when(col("vn_" + w).gt(0), col("last")));
    }
    return grouped.drop("last");
  }

  /**
   * The events with their numeric values summarised per patient, source, key and time ({@code vn, vsum,
   * vmin, vmax}); events without a value pass through one by one. Only primitive aggregation buffers remain
   * downstream, so the heavy group-by is hash-based: the latest value as {@code max(struct(time, value))}
   * made Spark sort every joined row.
   */
  static Dataset<Row> valuesPerTime(Dataset<Row> events) {
    Dataset<Row> valued =
        events
            .where(col("value").isNotNull())
            .groupBy("patient_id", "event_time", "source", "key")
            .agg(
                sum("weight").as("weight"),
                count("value").as("vn"),
                sum("value").as("vsum"),
                min("value").as("vmin"),
                max("value").as("vmax"));
    Column noValue = lit(null).cast("double");
    Dataset<Row> plain =
        events
            .where(col("value").isNull())
            .select(col("patient_id"), col("event_time"), col("source"), col("key"), col("weight"),
                lit(0L).as("vn"), noValue.as("vsum"), noValue.as("vmin"), noValue.as("vmax"));
    return plain.unionByName(valued);
  }

  static String n(int windowDays) {
    return "n_" + windowDays;
  }

  private static Column inWindow(int days) {
    return col("before_s").leq((double) days * DAY_SECONDS);
  }
}
