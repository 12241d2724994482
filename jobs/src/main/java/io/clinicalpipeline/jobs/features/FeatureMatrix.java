package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.jobs.features.TaskSpec.CodeAggregation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Turns the windowed aggregates into the feature matrix. What is fitted (the code and observation
 * vocabularies, race and ethnicity categories, note IDF) is fitted on the training split only; validation
 * and test rows get the same columns, with what the training split never saw left out.
 *
 * <p>Column order: demographics, utilisation, conditions, procedures, medications, observations, notes;
 * within a source by key, window, statistic.
 */
public final class FeatureMatrix {

  /** Decimal places every double feature is rounded to, so files do not depend on summation order. */
  static final int SCALE = 6;

  /** One feature column, as described in feature_manifest.json. */
  public record Feature(String name, String type, String source, String key, String stat, Integer windowDays, Double idf) {

    boolean missingIsZero() {
      return !EventsTransform.OBSERVATION.equals(source) || "count".equals(stat);
    }
  }

  /** The matrix ({@code row_id, label, split}, then the features in order) and its columns. */
  public record Result(Dataset<Row> wide, List<Feature> features) {}

  private FeatureMatrix() {}

  public static Result build(TaskSpec spec, Dataset<Row> examples, Dataset<Row> aggregates) {
    Dataset<Row> trainIds = examples.where(col("split").equalTo(Splits.TRAIN)).select("row_id");
    Dataset<Row> trainAggregates = aggregates.join(trainIds, "row_id");

    List<Feature> features = new ArrayList<>(demographics(spec, examples));
    features.addAll(eventFeatures(spec, trainAggregates, trainIds.count()));

    List<String> eventNames =
        features.stream().filter(f -> f.windowDays() != null).map(Feature::name).toList();
    Dataset<Row> names =
        examples.sparkSession().createDataset(eventNames, Encoders.STRING()).toDF("name");
    Dataset<Row> perRow =
        aggregates
            .select(col("row_id"), explode(entries(spec)).as("e"))
            .select(col("row_id"), col("e.name").as("name"), col("e.value").as("value"))
            .where(col("value").isNotNull())
            .join(broadcast(names), "name")
            .groupBy("row_id")
            .agg(map_from_entries(collect_list(struct(col("name"), col("value")))).as("f"));

    List<Column> columns = new ArrayList<>(List.of(col("row_id"), col("label"), col("split")));
    for (Feature f : features) {
      columns.add(column(f).as(f.name()));
    }
    Dataset<Row> wide = examples.join(perRow, CohortTransform.seq("row_id"), "left")
        .select(columns.toArray(Column[]::new));
    return new Result(wide, features);
  }

  private static List<Feature> demographics(TaskSpec spec, Dataset<Row> examples) {
    List<Feature> out = new ArrayList<>();
    out.add(new Feature("age", "int", "patients", "age", "value", null, null));
    out.add(new Feature("sex_f", "int", "patients", "sex", "f", null, null));
    out.add(new Feature("sex_m", "int", "patients", "sex", "m", null, null));
    if (spec.features().raceEthnicity()) {
      Dataset<Row> train = examples.where(col("split").equalTo(Splits.TRAIN));
      for (String attribute : List.of("race", "ethnicity")) {
        List<String> values =
            train.select(EventsTransform.sanitize(col(attribute)).as("v")).where(col("v").isNotNull().and(col("v").notEqual("")))
                .distinct().orderBy("v").as(Encoders.STRING()).collectAsList();
        for (String v : values) {
          out.add(new Feature(attribute + "_" + v, "int", "patients", attribute, v, null, null));
        }
      }
    }
    return out;
  }

  /** Utilisation, code, observation and note features, from the training split's aggregates. */
  private static List<Feature> eventFeatures(TaskSpec spec, Dataset<Row> trainAggregates, long trainRows) {
    TaskSpec.Features f = spec.features();
    List<Integer> windows = spec.lookbackWindows();
    int widest = windows.get(windows.size() - 1);
    Column values = f.observations().enabled() ? sum("vn_" + widest) : lit(0L);
    int notesWindow = f.notes().windowDays();
    Column documents =
        f.notes().enabled() ? count(when(col(WindowedAggregation.n(notesWindow)).gt(0), lit(1))) : lit(0L);
    // source -> key -> (events in the widest lookback window, numeric values there, examples with the key
    // in the notes window), over the training examples; one pass over the aggregates.
    Map<String, TreeMap<String, long[]>> seen = new HashMap<>();
    for (Row r :
        trainAggregates
            .groupBy("source", "key")
            .agg(sum(WindowedAggregation.n(widest)).as("events"), values.as("values"), documents.as("documents"))
            .collectAsList()) {
      seen.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
          .put(r.getString(1), new long[] {longOf(r, 2), longOf(r, 3), longOf(r, 4)});
    }
    List<Feature> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : seen.getOrDefault(EventsTransform.ENCOUNTER, new TreeMap<>()).entrySet()) {
      if (e.getValue()[0] > 0) {
        for (int w : windows) {
          out.add(eventFeature(EventsTransform.ENCOUNTER, e.getKey(), "count", w, null));
        }
      }
    }
    String codeStat = f.codes().aggregation() == CodeAggregation.PRESENCE ? "any" : "count";
    for (String source : List.of(EventsTransform.CONDITION, EventsTransform.PROCEDURE, EventsTransform.MEDICATION)) {
      for (Map.Entry<String, long[]> e : seen.getOrDefault(source, new TreeMap<>()).entrySet()) {
        if (e.getValue()[0] >= f.codes().minCount()) {
          for (int w : windows) {
            out.add(eventFeature(source, e.getKey(), codeStat, w, null));
          }
        }
      }
    }
    for (Map.Entry<String, long[]> e : seen.getOrDefault(EventsTransform.OBSERVATION, new TreeMap<>()).entrySet()) {
      if (e.getValue()[1] >= f.observations().minCount()) {
        for (int w : windows) {
          for (String stat : f.observations().stats()) {
            out.add(eventFeature(EventsTransform.OBSERVATION, e.getKey(), stat, w, null));
          }
        }
      }
    }
    if (f.notes().enabled()) {
      int w = f.notes().windowDays();
      TreeMap<String, long[]> df = seen.getOrDefault(EventsTransform.NOTE, new TreeMap<>());
      for (int b = 0; b < f.notes().hashBuckets(); b++) {
        String key = Integer.toString(b);
        // Spark ML's smoothed IDF: log((m + 1) / (df + 1)), m = training examples.
        long documentFrequency = df.containsKey(key) ? df.get(key)[2] : 0L;
        double idf = Math.log((trainRows + 1.0) / (documentFrequency + 1.0));
        out.add(eventFeature(EventsTransform.NOTE, key, "tfidf", w, idf));
      }
    }
    return out;
  }

  private static long longOf(Row r, int i) {
    return r.isNullAt(i) ? 0L : ((Number) r.get(i)).longValue();
  }

  private static Feature eventFeature(String source, String key, String stat, int w, Double idf) {
    String type = "double";
    if (List.of("count", "any").contains(stat)) {
      type = "int";
    }
    return new Feature(name(source, key, stat, w), type, source, key, stat, w, idf);
  }

  static String name(String source, String key, String stat, int windowDays) {
    return source + "_" + key + "_" + stat + "_" + windowDays + "d";
  }

  /** Per aggregate row, its candidate (name, value) entries; values of features never used are dropped later. */
  private static Column entries(TaskSpec spec) {
    TaskSpec.Features f = spec.features();
    List<Integer> windows = spec.lookbackWindows();
    List<Column> counts = new ArrayList<>();
    List<Column> codes = new ArrayList<>();
    List<Column> observations = new ArrayList<>();
    boolean presence = f.codes().aggregation() == CodeAggregation.PRESENCE;
    for (int w : windows) {
      Column n = col(WindowedAggregation.n(w)).cast("double");
      counts.add(entry("count", w, n));
      codes.add(presence ? entry("any", w, when(n.gt(0), 1.0).otherwise(0.0)) : entry("count", w, n));
      if (f.observations().enabled()) {
        Map<String, Column> stats = new LinkedHashMap<>();
        stats.put("last", col("last_" + w));
        stats.put("mean", col("sum_" + w).divide(col("vn_" + w)));
        stats.put("min", col("min_" + w));
        stats.put("max", col("max_" + w));
        stats.put("count", col("vn_" + w).cast("double"));
        for (String stat : f.observations().stats()) {
          observations.add(entry(stat, w, stats.get(stat)));
        }
      }
    }
    Column source = col("source");
    Column out =
        when(source.equalTo(EventsTransform.ENCOUNTER), array(counts.toArray(Column[]::new)))
            .when(
                source.isin(EventsTransform.CONDITION, EventsTransform.PROCEDURE, EventsTransform.MEDICATION),
                array(codes.toArray(Column[]::new)));
    if (f.observations().enabled()) {
      out = out.when(source.equalTo(EventsTransform.OBSERVATION), array(observations.toArray(Column[]::new)));
    }
    if (f.notes().enabled()) {
      int w = f.notes().windowDays();
      out = out.when(
          source.equalTo(EventsTransform.NOTE),
          array(entry("tfidf", w, col(WindowedAggregation.n(w)).cast("double"))));
    }
    return out;
  }

  private static Column entry(String stat, int w, Column value) {
    return struct(
        concat(col("source"), lit("_"), col("key"), lit("_" + stat + "_" + w + "d")).as("name"),
        value.cast("double").as("value"));
  }

  private static Column column(Feature f) {
    switch (f.name()) {
      case "age":
        return col("age").cast("int");
      case "sex_f":
        return when(upper(col("sex")).isin("F", "FEMALE"), 1).otherwise(0);
      case "sex_m":
        return when(upper(col("sex")).isin("M", "MALE"), 1).otherwise(0);
      default:
        break;
    }
    if (f.windowDays() == null) {
      // race_* / ethnicity_* one-hot columns
      return when(EventsTransform.sanitize(col(f.key())).equalTo(f.stat()), 1).otherwise(0);
    }
    Column v = try_element_at(col("f"), lit(f.name()));
    if (f.missingIsZero()) {
      v = coalesce(v, lit(0.0));
    }
    if (f.idf() != null) {
      v = v.multiply(f.idf());
    }
    return "int".equals(f.type()) ? v.cast("int") : bround(v, SCALE);
  }

  /**
   * Training-split statistics per feature: rows, non-null values, mean, sample standard deviation, min,
   * max. Missing counts are zeros and are included; missing observation statistics are not.
   */
  public static Map<String, Map<String, Object>> trainStatistics(Result result) {
    List<Column> cells = new ArrayList<>();
    for (Feature f : result.features()) {
      cells.add(struct(lit(f.name()).as("name"), col(f.name()).cast("double").as("value")));
    }
    Dataset<Row> train = result.wide().where(col("split").equalTo(Splits.TRAIN));
    List<Row> rows =
        train
            .select(explode(array(cells.toArray(Column[]::new))).as("c"))
            .groupBy(col("c.name").as("name"))
            .agg(
                count(lit(1)).as("rows"),
                count(col("c.value")).as("non_null"),
                avg("c.value").as("mean"),
                stddev_samp("c.value").as("std"),
                min("c.value").as("min"),
                max("c.value").as("max"))
            .collectAsList();
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Row r : rows) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("rows", r.getLong(1));
      s.put("non_null", r.getLong(2));
      s.put("mean", round(r.get(3)));
      s.put("std", round(r.get(4)));
      s.put("min", round(r.get(5)));
      s.put("max", round(r.get(6)));
      out.put(r.getString(0), s);
    }
    return out;
  }

  private static Double round(Object v) {
    if (v == null || ((Double) v).isNaN()) {
      return null;
    }
    return new java.math.BigDecimal((Double) v).setScale(SCALE, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }
}
