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
 * aggregates (windows are nested: all end at the prediction time). Events without a value (encounters,
 * codes, note terms) and numeric observations are grouped apart, so the many valueless rows carry only
 * their counts through the group-by; each event is kept only within the widest window its source is
 * aggregated over (notes: the notes window).
 *
 * <p>Output: {@code row_id, source, key} and per window {@code w} (days): {@code n_w} (events: the sum of
 * their weights), and for
 * each lookback window {@code vn_w, sum_w, min_w, max_w, last_w} over the events' numeric values (0 and
 * nulls for events without values).
 */
public final class WindowedAggregation {

  private static final long DAY_SECONDS = 86_400L;

  private WindowedAggregation() {}

  public static Dataset<Row> aggregate(TaskSpec spec, Dataset<Row> events, Dataset<Row> examples) {
    Dataset<Row> times = examples.select("row_id", "patient_id", "prediction_time");
    List<Column> counts = new ArrayList<>();
    for (int w : spec.aggregationWindows()) {
      counts.add(coalesce(sum(when(inWindow(w), col("weight"))), lit(0L)).as(n(w)));
    }
    Dataset<Row> plain = groupByExample(beforePrediction(spec, events.where(col("value").isNull()), times), counts);
    if (!spec.features().observations().enabled()) {
      return plain;
    }

    List<Column> aggs = new ArrayList<>(counts);
    // The latest value before the prediction time, ties on time resolved to the larger value: times are
    // unique per group after valuesPerTime, so max_by never depends on row order. Windows all end at the
    // prediction time, so a window's latest value is this one whenever the window holds any value.
    aggs.add(max_by(col("vmax"), col("event_time")).as("last"));
    for (int w : spec.lookbackWindows()) {
      aggs.add(coalesce(sum(when(inWindow(w), col("vn"))), lit(0L)).as("vn_" + w));
      aggs.add(sum(when(inWindow(w), col("vsum"))).as("sum_" + w));
      aggs.add(min(when(inWindow(w), col("vmin"))).as("min_" + w));
      aggs.add(max(when(inWindow(w), col("vmax"))).as("max_" + w));
    }
    Dataset<Row> valued = groupByExample(beforePrediction(spec, valuesPerTime(events), times), aggs);
    for (int w : spec.lookbackWindows()) {
      valued = valued.withColumn("last_" + w, when(col("vn_" + w).gt(0), col("last")));
    }
    valued = valued.drop("last");

    Column noValue = lit(null).cast("double");
    for (int w : spec.lookbackWindows()) {
      plain = plain.withColumn("vn_" + w, lit(0L)).withColumn("sum_" + w, noValue).withColumn("min_" + w, noValue)
          .withColumn("max_" + w, noValue).withColumn("last_" + w, noValue);
    }
    return plain.unionByName(valued);
  }

  /**
   * {@code events} joined to the examples of their patient, with {@code before_s} (seconds before the
   * prediction time): only events strictly before it, and within the widest window of their source.
   */
  private static Dataset<Row> beforePrediction(TaskSpec spec, Dataset<Row> events, Dataset<Row> times) {
    Column pt = col("prediction_time");
    Column widest = lit((double) spec.widestLookbackDays() * DAY_SECONDS);
    if (spec.features().notes().enabled()) {
      widest = when(col("source").equalTo(EventsTransform.NOTE),
          lit((double) spec.features().notes().windowDays() * DAY_SECONDS)).otherwise(widest);
    }
    return events
        .join(times, "patient_id")
        .where(col("event_time").lt(pt))
        .withColumn("before_s", pt.cast("double").minus(col("event_time").cast("double")))
        .where(col("before_s").leq(widest));
  }

  private static Dataset<Row> groupByExample(Dataset<Row> joined, List<Column> aggs) {
    return joined
        .groupBy("row_id", "source", "key")
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  /**
   * The numeric events summarised per patient, source, key and time ({@code weight, vn, vsum, vmin,
   * vmax}). Only primitive aggregation buffers remain downstream, so the group-by is hash-based: the latest
   * value as {@code max(struct(time, value))} made Spark sort every joined row.
   */
  static Dataset<Row> valuesPerTime(Dataset<Row> events) {
    return events
        .where(col("value").isNotNull())
        .groupBy("patient_id", "event_time", "source", "key")
        .agg(
            sum("weight").as("weight"),
            count("value").as("vn"),
            sum("value").as("vsum"),
            min("value").as("vmin"),
            max("value").as("vmax"));
  }

  static String n(int windowDays) {
    return "n_" + windowDays;
  }

  private static Column inWindow(int days) {
    return col("before_s").leq((double) days * DAY_SECONDS);
  }
}
