package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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

  /** The column of {@link Result#vectors()} holding the event features, in manifest order. */
  static final String EVENT_FEATURES = "event_features";

  /**
   * The matrix and its columns. {@code vectors}: {@code row_id, label, split}, the demographic features
   * by name, then {@value #EVENT_FEATURES}, an array with every event feature in order (null: missing).
   * Thousands of event features stay one array column: Spark rows with thousands of fields cost about a
   * microsecond per field in every projection, which made the wide layout the bulk of the job's time.
   */
  public record Result(Dataset<Row> vectors, List<Feature> features) {

    /** How many leading features are columns of their own (the demographics); the rest are in the array. */
    int fixedFeatures() {
      return (int) features.stream().filter(f -> f.windowDays() == null).count();
    }

    /** The wide layout: {@code row_id, label, split}, then one column per feature (for Parquet and tests). */
    public Dataset<Row> wide() {
      return wide(vectors, List.of(col("row_id"), col("label"), col("split")));
    }

    /** {@code leading} columns of {@code rows} (a subset of {@link #vectors()}), then every feature as a column. */
    Dataset<Row> wide(Dataset<Row> rows, List<Column> leading) {
      List<Column> columns = new ArrayList<>(leading);
      int fixed = fixedFeatures();
      for (int i = 0; i < features.size(); i++) {
        Feature f = features.get(i);
        if (i < fixed) {
          columns.add(col(f.name()));
        } else {
          Column v = col(EVENT_FEATURES).getItem(i - fixed);
          columns.add(("int".equals(f.type()) ? v.cast("int") : v).as(f.name()));
        }
      }
      return rows.select(columns.toArray(Column[]::new));
    }
  }

  private FeatureMatrix() {}

  public static Result build(TaskSpec spec, Dataset<Row> examples, Dataset<Row> aggregates) {
    Dataset<Row> trainIds = examples.where(col("split").equalTo(Splits.TRAIN)).select("row_id");
    Dataset<Row> trainAggregates = aggregates.join(trainIds, "row_id");

    List<Feature> features = new ArrayList<>(demographics(spec, examples));
    features.addAll(eventFeatures(spec, trainAggregates, trainIds.count()));
    return apply(spec, features, examples, aggregates, List.of("row_id", "label", "split"));
  }

  /**
   * The matrix of already fitted {@code features} (as {@link #build} fits them, or as read back from
   * feature_manifest.json): {@code leading} columns of {@code examples}, the demographic features, then
   * {@value #EVENT_FEATURES}. Nothing is fitted here, so any set of examples gets the same columns.
   */
  public static Result apply(
      TaskSpec spec, List<Feature> features, Dataset<Row> examples, Dataset<Row> aggregates, List<String> leading) {
    List<Feature> eventFeatures = features.stream().filter(f -> f.windowDays() != null).toList();
    // Each kept (source, key) with the position of its first feature: its features follow in the order of
    // entries(spec). Joining to it first drops the aggregates of keys outside the vocabulary.
    Dataset<Row> vocabulary = broadcast(firstFeatures(examples.sparkSession(), eventFeatures));
    Dataset<Row> perRow =
        aggregates
            .join(vocabulary, CohortTransform.seq("source", "key"))
            .groupBy("row_id")
            .agg(collect_list(struct(col("first"), entries(spec).as("values"))).as("f"));

    // Ids, label, split and the demographic columns in SQL; the event features, thousands of columns,
    // filled from each row's entries by position (WidenRows).
    List<Column> fixed = new ArrayList<>(leading.stream().map(c -> col(c)).toList());
    for (Feature f : features) {
      if (f.windowDays() == null) {
        fixed.add(column(f).as(f.name()));
      }
    }
    List<Column> selected = new ArrayList<>(fixed);
    selected.add(col("f"));
    Dataset<Row> sparse = examples.join(perRow, CohortTransform.seq("row_id"), "left")
        .select(selected.toArray(Column[]::new));
    StructType schema = new StructType();
    for (int i = 0; i < fixed.size(); i++) {
      schema = schema.add(sparse.schema().fields()[i]);
    }
    schema = schema.add(EVENT_FEATURES, DataTypes.createArrayType(DataTypes.DoubleType, true), false);
    Dataset<Row> vectors = sparse.mapPartitions(new WidenRows(fixed.size(), eventFeatures), Encoders.row(schema));
    return new Result(vectors, features);
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
      for (String key : vocabulary(seen.get(source), 0, f.codes().minCount(), f.codes().maxKeys())) {
        for (int w : windows) {
          out.add(eventFeature(source, key, codeStat, w, null));
        }
      }
    }
    for (String key :
        vocabulary(seen.get(EventsTransform.OBSERVATION), 1, f.observations().minCount(), f.observations().maxKeys())) {
      for (int w : windows) {
        for (String stat : f.observations().stats()) {
          out.add(eventFeature(EventsTransform.OBSERVATION, key, stat, w, null));
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

  /**
   * The keys whose training count ({@code counts[measure]}) reaches {@code minCount}; with {@code maxKeys}
   * above 0 only that many, most frequent first (ties by key), returned in key order.
   */
  static List<String> vocabulary(TreeMap<String, long[]> counts, int measure, int minCount, int maxKeys) {
    if (counts == null) {
      return List.of();
    }
    List<Map.Entry<String, long[]>> kept = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      if (e.getValue()[measure] >= minCount) {
        kept.add(e);
      }
    }
    if (maxKeys > 0 && kept.size() > maxKeys) {
      kept.sort((a, b) -> a.getValue()[measure] != b.getValue()[measure]
          ? Long.compare(b.getValue()[measure], a.getValue()[measure])
          : a.getKey().compareTo(b.getKey()));
      kept = kept.subList(0, maxKeys);
    }
    return kept.stream().map(Map.Entry::getKey).sorted().toList();
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

  /** {@code source, key, first}: each key of the event features and the index of its first feature among them. */
  private static Dataset<Row> firstFeatures(SparkSession spark, List<Feature> eventFeatures) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < eventFeatures.size(); i++) {
      Feature f = eventFeatures.get(i);
      Feature previous = i == 0 ? null : eventFeatures.get(i - 1);
      if (previous == null || !previous.source().equals(f.source()) || !previous.key().equals(f.key())) {
        rows.add(RowFactory.create(f.source(), f.key(), i));
      }
    }
    StructType schema = new StructType()
        .add("source", DataTypes.StringType, false)
        .add("key", DataTypes.StringType, false)
        .add("first", DataTypes.IntegerType, false);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Per aggregate row, the values of its key's features in manifest order (window, then statistic), as many
   * as {@link #eventFeatures} makes per key of that source.
   */
  private static Column entries(TaskSpec spec) {
    TaskSpec.Features f = spec.features();
    List<Integer> windows = spec.lookbackWindows();
    List<Column> counts = new ArrayList<>();
    List<Column> codes = new ArrayList<>();
    List<Column> observations = new ArrayList<>();
    boolean presence = f.codes().aggregation() == CodeAggregation.PRESENCE;
    for (int w : windows) {
      Column n = col(WindowedAggregation.n(w)).cast("double");
      counts.add(entry(n));
      codes.add(presence ? entry(when(n.gt(0), 1.0).otherwise(0.0)) : entry(n));
      if (f.observations().enabled()) {
        Map<String, Column> stats = new LinkedHashMap<>();
        stats.put("last", col("last_" + w));
        stats.put("mean", col("sum_" + w).divide(col("vn_" + w)));
        stats.put("min", col("min_" + w));
        stats.put("max", col("max_" + w));
        stats.put("count", col("vn_" + w).cast("double"));
        for (String stat : f.observations().stats()) {
          observations.add(entry(stats.get(stat)));
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
          array(entry(col(WindowedAggregation.n(w)))));
    }
    return out;
  }

  private static Column entry(Column value) {
    return value.cast("double");
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
    throw new IllegalArgumentException("event features are filled by WidenRows: " + f.name());
  }

  /**
   * Training-split statistics per feature: rows, non-null values, mean, sample standard deviation, min,
   * max. Missing counts are zeros and are included; missing observation statistics are not.
   */
  public static Map<String, Map<String, Object>> trainStatistics(Result result) {
    List<Feature> features = result.features();
    List<Column> cells = new ArrayList<>();
    for (int i = 0; i < result.fixedFeatures(); i++) {
      cells.add(col(features.get(i).name()));
    }
    cells.add(col(EVENT_FEATURES));
    TrainStatistics total = new TrainStatistics(features.size());
    for (TrainStatistics s :
        result.vectors().where(col("split").equalTo(Splits.TRAIN)).select(cells.toArray(Column[]::new)).toJavaRDD()
            .mapPartitions(new TrainStatistics.Partition(features.size(), result.fixedFeatures())).collect()) {
      total.merge(s);
    }
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (int i = 0; i < features.size(); i++) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("rows", total.rows);
      s.put("non_null", total.nonNull[i]);
      s.put("mean", round(total.mean(i)));
      s.put("std", round(total.std(i)));
      s.put("min", round(total.min(i)));
      s.put("max", round(total.max(i)));
      out.put(features.get(i).name(), s);
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
