package io.clinicalpipeline.launch.sagemaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the built-in {@code sagemaker-xgboost:3.0-5} container accepts as hyperparameters, as read in its
 * {@code hyperparameter_validation.py} (shared reference, container-source): every name it declares
 * (others are extraneous and fail the job), integer and real intervals, categories, {@code num_round}
 * required, {@code auc} only with a binary or ranking objective. Written as our own table, not its code.
 * The metric list is XGBoost's built-in metrics (the container's constants module is not in the reference).
 */
final class XGBoostContainerRules {

  private record Range(boolean integer, double min, boolean minOpen, double max, boolean maxOpen) {
    static Range integer(double min, double max) {
      return new Range(true, min, false, max, false);
    }

    static Range real(double min, boolean minOpen, double max, boolean maxOpen) {
      return new Range(false, min, minOpen, max, maxOpen);
    }
  }

  private static final double INF = Double.POSITIVE_INFINITY;

  private static final Map<String, Range> RANGES = Map.ofEntries(
      Map.entry("num_round", Range.integer(1, INF)),
      Map.entry("csv_weights", Range.integer(0, 1)),
      Map.entry("early_stopping_rounds", Range.integer(1, INF)),
      Map.entry("verbosity", Range.integer(0, 3)),
      Map.entry("nthread", Range.integer(1, INF)),
      Map.entry("max_depth", Range.integer(0, INF)),
      Map.entry("max_leaves", Range.integer(0, INF)),
      Map.entry("max_bin", Range.integer(0, INF)),
      Map.entry("refresh_leaf", Range.integer(0, 1)),
      Map.entry("one_drop", Range.integer(0, 1)),
      Map.entry("num_class", Range.integer(2, INF)),
      Map.entry("_kfold", Range.integer(2, INF)),
      Map.entry("_num_cv_round", Range.integer(1, INF)),
      Map.entry("num_parallel_tree", Range.integer(1, INF)),
      Map.entry("seed", new Range(true, -2147483648.0, true, 2147483647.0, true)),
      Map.entry("prob_buffer_row", new Range(true, 1, true, INF, false)),
      Map.entry("eta", Range.real(0, false, 1, false)),
      Map.entry("gamma", Range.real(0, false, INF, false)),
      Map.entry("min_child_weight", Range.real(0, false, INF, false)),
      Map.entry("max_delta_step", Range.real(0, false, INF, false)),
      Map.entry("subsample", Range.real(0, true, 1, false)),
      Map.entry("colsample_bytree", Range.real(0, true, 1, false)),
      Map.entry("colsample_bylevel", Range.real(0, true, 1, false)),
      Map.entry("colsample_bynode", Range.real(0, true, 1, false)),
      Map.entry("lambda", Range.real(0, false, INF, false)),
      Map.entry("alpha", Range.real(0, false, INF, false)),
      Map.entry("sketch_eps", Range.real(0, true, 1, true)),
      Map.entry("scale_pos_weight", Range.real(0, true, INF, false)),
      Map.entry("rate_drop", Range.real(0, false, 1, false)),
      Map.entry("skip_drop", Range.real(0, false, 1, false)),
      Map.entry("lambda_bias", Range.real(0, false, 1, false)),
      Map.entry("tweedie_variance_power", Range.real(1, true, 2, true)),
      Map.entry("base_score", Range.real(0, false, INF, false)),
      Map.entry("aft_loss_distribution_scale", Range.real(0, false, INF, false)));

  private static final Map<String, Set<String>> CATEGORIES = Map.ofEntries(
      Map.entry("booster", Set.of("gbtree", "gblinear", "dart")),
      Map.entry("tree_method", Set.of("auto", "exact", "approx", "hist", "gpu_hist")),
      Map.entry("dsplit", Set.of("row", "col")),
      Map.entry("process_type", Set.of("default", "update")),
      Map.entry("grow_policy", Set.of("depthwise", "lossguide")),
      Map.entry("predictor", Set.of("auto", "cpu_predictor", "gpu_predictor")),
      Map.entry("sample_type", Set.of("uniform", "weighted")),
      Map.entry("normalize_type", Set.of("tree", "forest")),
      Map.entry("save_model_on_termination", Set.of("true", "false")),
      Map.entry("aft_loss_distribution", Set.of("normal", "logistic", "extreme")),
      Map.entry("deterministic_histogram", Set.of("true", "false")),
      Map.entry("sampling_method", Set.of("uniform", "gradient_based")),
      Map.entry("use_dask_gpu_training", Set.of("true", "false")),
      Map.entry("objective", Set.of("aft_loss_distribution", "binary:logistic", "binary:logitraw", "binary:hinge",
          "count:poisson", "multi:softmax", "multi:softprob", "rank:pairwise", "rank:ndcg", "rank:map", "reg:linear",
          "reg:squarederror", "reg:logistic", "reg:gamma", "reg:pseudohubererror", "reg:squaredlogerror",
          "reg:absoluteerror", "reg:tweedie", "survival:aft", "survival:cox")));

  /** Declared names whose values are lists or metric names, checked only as far as below. */
  private static final Set<String> OTHER_NAMES =
      Set.of("updater", "monotone_constraints", "interaction_constraints", "_tuning_objective_metric", "eval_metric");

  private static final Map<String, String> ALIASES =
      Map.of("learning_rate", "eta", "min_split_loss", "gamma", "reg_lambda", "lambda", "reg_alpha", "alpha");

  private static final Set<String> METRICS = Set.of("auc", "aucpr", "map", "ndcg", "logloss", "error", "rmse", "mae",
      "mlogloss", "merror", "rmsle", "mape", "poisson-nloglik", "gamma-nloglik", "gamma-deviance", "tweedie-nloglik",
      "cox-nloglik", "aft-nloglik");

  private XGBoostContainerRules() {}

  /** One message per hyperparameter the container would refuse; empty when it accepts them all. */
  static List<String> violations(Map<String, String> hp) {
    List<String> out = new ArrayList<>();
    if (!hp.containsKey("num_round")) {
      out.add("num_round is required");
    }
    for (Map.Entry<String, String> e : hp.entrySet()) {
      String name = ALIASES.getOrDefault(e.getKey(), e.getKey());
      String v = e.getValue().strip();
      if (RANGES.containsKey(name)) {
        range(name, v, RANGES.get(name), out);
      } else if (CATEGORIES.containsKey(name)) {
        if (!CATEGORIES.get(name).contains(v)) {
          out.add(name + " must be one of " + CATEGORIES.get(name));
        }
      } else if (name.equals("eval_metric")) {
        metrics(v, hp.getOrDefault("objective", "reg:squarederror"), out);
      } else if (!OTHER_NAMES.contains(name)) {
        out.add(name + " is not a hyperparameter of the container (extraneous)");
      }
    }
    return out;
  }

  private static void range(String name, String v, Range r, List<String> out) {
    double x;
    try {
      x = r.integer() ? Long.parseLong(v) : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      out.add(name + " must be " + (r.integer() ? "an integer" : "a number"));
      return;
    }
    boolean ok = (r.minOpen() ? x > r.min() : x >= r.min()) && (r.maxOpen() ? x < r.max() : x <= r.max());
    if (!ok) {
      out.add(name + " is outside " + (r.minOpen() ? "(" : "[") + r.min() + ", " + r.max() + (r.maxOpen() ? ")" : "]"));
    }
  }

  private static void metrics(String v, String objective, List<String> out) {
    for (String m : v.split(",")) {
      String metric = m.strip();
      String base = metric.contains("@") ? metric.substring(0, metric.indexOf('@')) : metric;
      if (metric.contains("@") ? !Set.of("error", "ndcg", "map").contains(base) : !METRICS.contains(metric)) {
        out.add("eval_metric " + metric + " is not supported");
        return;
      }
      if (base.equals("auc") && !objective.startsWith("binary:") && !objective.startsWith("rank:")) {
        out.add("eval_metric auc needs a binary or ranking objective");
        return;
      }
    }
  }
}
