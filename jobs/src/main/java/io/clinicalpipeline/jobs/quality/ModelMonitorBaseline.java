package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxCountDistinct;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.KLLParameters;
import com.amazon.deequ.analyzers.KLLSketch;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.Sum;
import com.amazon.deequ.metrics.BucketDistribution;
import com.amazon.deequ.metrics.BucketValue;
import com.amazon.deequ.metrics.KLLMetric;
import com.amazon.deequ.metrics.Metric;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import scala.collection.JavaConverters;

/**
 * SageMaker Model Monitor's data-quality baseline for the training split: {@code statistics.json} and
 * {@code constraints.json} in the layout the Model Monitor analyzer (itself Deequ based) writes, so a
 * monitoring schedule can use them as its baseline. Label and numeric features get numerical statistics
 * with a KLL sketch; string columns other than ids get categorical statistics.
 */
final class ModelMonitorBaseline {

  static final int KLL_SKETCH_SIZE = 2048;
  static final double KLL_SHRINKING_FACTOR = 0.64;
  static final int KLL_BUCKETS = 10;
  static final int MAX_CATEGORIES = 20;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String statistics;
  private final String constraints;

  private ModelMonitorBaseline(String statistics, String constraints) {
    this.statistics = statistics;
    this.constraints = constraints;
  }

  String statisticsJson() {
    return statistics;
  }

  String constraintsJson() {
    return constraints;
  }

  /** Baselines {@code data} (the training rows; row_id and split are left out). */
  @SuppressWarnings("rawtypes")
  static ModelMonitorBaseline of(Dataset<Row> data) {
    data.sparkSession().sparkContext().setJobGroup("quality-model-monitor-baseline", "baseline statistics", false);
    List<StructField> columns = new ArrayList<>();
    for (StructField f : data.schema().fields()) {
      String n = f.name().toLowerCase(Locale.ROOT);
      if (!n.equals("row_id") && !n.equals("split") && !n.startsWith("_")
          && (f.dataType() instanceof NumericType || f.dataType() instanceof StringType)) {
        columns.add(f);
      }
    }
    List<Analyzer> analyzers = new ArrayList<>();
    Size size = new Size(scala.Option.empty());
    analyzers.add(size);
    for (StructField f : columns) {
      String c = f.name();
      analyzers.add(new Completeness(c, scala.Option.empty(), scala.Option.empty()));
      if (f.dataType() instanceof NumericType) {
        analyzers.add(new Mean(c, scala.Option.empty()));
        analyzers.add(new Sum(c, scala.Option.empty()));
        analyzers.add(new StandardDeviation(c, scala.Option.empty()));
        analyzers.add(new Minimum(c, scala.Option.empty(), scala.Option.empty()));
        analyzers.add(new Maximum(c, scala.Option.empty(), scala.Option.empty()));
        analyzers.add(
            new KLLSketch(
                c, scala.Option.apply(new KLLParameters(KLL_SKETCH_SIZE, KLL_SHRINKING_FACTOR, KLL_BUCKETS))));
      } else {
        analyzers.add(new ApproxCountDistinct(c, scala.Option.empty()));
      }
    }
    List<Metric<?>> m = Deequ.analyze(data, analyzers);
    long rows = Deequ.number(m.get(0)).map(Double::longValue).orElse(0L);

    ObjectNode stats = JSON.createObjectNode();
    stats.put("version", 0.0);
    stats.putObject("dataset").put("item_count", rows);
    ArrayNode statFeatures = stats.putArray("features");
    ObjectNode cons = JSON.createObjectNode();
    cons.put("version", 0.0);
    ArrayNode consFeatures = cons.putArray("features");

    int i = 1;
    for (StructField f : columns) {
      String c = f.name();
      double completeness = Deequ.number(m.get(i++)).orElse(0.0);
      long present = Math.round(completeness * rows);
      ObjectNode sf = statFeatures.addObject();
      sf.put("name", c);
      String type = inferredType(f.dataType());
      sf.put("inferred_type", type);
      ObjectNode cf = consFeatures.addObject();
      cf.put("name", c);
      cf.put("inferred_type", type);
      cf.put("completeness", completeness);
      if (f.dataType() instanceof NumericType) {
        double mean = Deequ.number(m.get(i++)).orElse(0.0);
        double sum = Deequ.number(m.get(i++)).orElse(0.0);
        double std = Deequ.number(m.get(i++)).orElse(0.0);
        double min = Deequ.number(m.get(i++)).orElse(0.0);
        double max = Deequ.number(m.get(i++)).orElse(0.0);
        Metric<?> kll = m.get(i++);
        ObjectNode ns = sf.putObject("numerical_statistics");
        common(ns, present, rows - present);
        ns.put("mean", mean);
        ns.put("sum", sum);
        ns.put("std_dev", std);
        ns.put("min", min);
        ns.put("max", max);
        kll(ns.putObject("distribution").putObject("kll"), kll);
        cf.putObject("num_constraints").put("is_non_negative", min >= 0);
      } else {
        double distinct = Deequ.number(m.get(i++)).orElse(0.0);
        ObjectNode ss = sf.putObject("string_statistics");
        common(ss, present, rows - present);
        ss.put("distinct_count", distinct);
        ArrayNode buckets = ss.putObject("distribution").putObject("categorical").putArray("buckets");
        List<Row> top =
            data.where(col(c).isNotNull()).groupBy(col(c)).count().orderBy(desc("count"), col(c))
                .limit(MAX_CATEGORIES).collectAsList();
        ArrayNode domains = cf.putObject("string_constraints").putArray("domains");
        for (Row r : top) {
          buckets.addObject().put("value", r.get(0).toString()).put("count", r.getLong(1));
          domains.add(r.get(0).toString());
        }
      }
    }
    ObjectNode mc = cons.putObject("monitoring_config");
    mc.put("evaluate_constraints", "Enabled");
    mc.put("emit_metrics", "Enabled");
    mc.put("datatype_check_threshold", 1.0);
    mc.put("domain_content_threshold", 1.0);
    ObjectNode dc = mc.putObject("distribution_constraints");
    dc.put("perform_comparison", "Enabled");
    dc.put("comparison_threshold", 0.1);
    dc.put("comparison_method", "Robust");
    try {
      return new ModelMonitorBaseline(
          JSON.writeValueAsString(stats) + "\n", JSON.writeValueAsString(cons) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void common(ObjectNode parent, long present, long missing) {
    ObjectNode common = parent.putObject("common");
    common.put("num_present", present);
    common.put("num_missing", missing);
  }

  private static void kll(ObjectNode kll, Metric<?> metric) {
    ArrayNode buckets = kll.putArray("buckets");
    ObjectNode sketch = kll.putObject("sketch");
    ObjectNode params = sketch.putObject("parameters");
    params.put("c", KLL_SHRINKING_FACTOR);
    params.put("k", (double) KLL_SKETCH_SIZE);
    ArrayNode data = sketch.putArray("data");
    if (metric instanceof KLLMetric k && k.value().isSuccess()) {
      BucketDistribution d = k.value().get();
      for (BucketValue b : JavaConverters.seqAsJavaList(d.buckets())) {
        buckets.addObject().put("lower_bound", b.lowValue()).put("upper_bound", b.highValue())
            .put("count", (double) b.count());
      }
      List<Object> p = JavaConverters.seqAsJavaList(d.parameters());
      if (p.size() >= 2) {
        params.put("c", ((Number) p.get(0)).doubleValue());
        params.put("k", ((Number) p.get(1)).doubleValue());
      }
      for (double[] level : d.data()) {
        ArrayNode a = data.addArray();
        for (double v : level) {
          a.add(v);
        }
      }
    }
  }

  static String inferredType(DataType t) {
    if (t instanceof IntegerType || t instanceof LongType || t instanceof ShortType || t instanceof ByteType) {
      return "Integral";
    }
    if (t instanceof NumericType) {
      return "Fractional";
    }
    return "String";
  }
}
