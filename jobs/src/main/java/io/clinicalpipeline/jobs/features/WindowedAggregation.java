package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
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
        events
            .join(examples.select("row_id", "patient_id", "prediction_time"), "patient_id")
            .where(col("event_time").lt(pt))
            .withColumn("before_s", secondsBefore)
            .where(col("before_s").leq((double) spec.maxLookbackDays() * DAY_SECONDS));

    List<Column> aggs = new ArrayList<>();
    for (int w : spec.aggregationWindows()) {
      aggs.add(coalesce(sum(when(inWindow(w), col("weight"))), lit(0L)).as(n(w)));
    }
    if (spec.features().observations().enabled()) {
      for (int w : spec.lookbackWindows()) {
        Column v = when(inWindow(w), col("value"));
        aggs.add(count(v).as("vn_" + w));
        aggs.add(sum(v).as("sum_" + w));
        aggs.add(min(v).as("min_" + w));
        aggs.add(max(v).as("max_" + w));
        // The latest value; ties on time resolve to the larger value, so the result never depends on order.
        aggs.add(
            max(when(inWindow(w).and(col("value").isNotNull()), struct(col("event_time"), col("value"))))
                .getField("value")
                .as("last_" + w));
      }
    }
    return joined
        .groupBy("row_id", "source", "key")
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  static String n(int windowDays) {
    return "n_" + windowDays;
  }

  private static Column inWindow(int days) {
    return col("before_s").leq((double) days * DAY_SECONDS);
  }
}
