package io.clinicalpipeline.jobs.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clinicalpipeline.common.JobRunner.JobException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SageMaker built-in XGBoost hyperparameters, as its {@code hyperparameters.json} holds them: names as
 * SageMaker spells them, values as strings (numbers are accepted and kept as written). The local trainer
 * turns them into XGBoost booster parameters with {@link #boosterParams(int)}.
 */
public record Hyperparameters(Map<String, String> values) {

  /** Keys SageMaker's container reads itself and does not pass to the booster. */
  static final Set<String> CONTAINER_KEYS =
      Set.of("num_round", "early_stopping_rounds", "csv_weights", "save_model_on_termination", "_kfold",
          "_num_cv_round", "_tuning_objective_metric", "eval_metric");

  /** Metrics where larger is better (XGBoost's own list for early stopping). */
  static final Set<String> MAXIMIZED = Set.of("auc", "aucpr", "map", "ndcg", "pre");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public Hyperparameters {
    values = Map.copyOf(new TreeMap<>(values));
  }

  /** Parses a {@code hyperparameters.json}: one flat JSON object of strings or numbers. */
  public static Hyperparameters parse(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new JobException("hyperparameters are not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new JobException("hyperparameters must be one JSON object of name: value");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new JobException("hyperparameter " + e.getKey() + " must be a string or a number");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return new Hyperparameters(values).validate();
  }

  public Hyperparameters validate() {
    String objective = values.getOrDefault("objective", "binary:logistic");
    if (!objective.equals("binary:logistic")) {
      throw new JobException(
          "hyperparameter objective must be binary:logistic (predictions are probabilities): " + objective);
    }
    if (!values.containsKey("num_round")) {
      throw new JobException("hyperparameter num_round is required (SageMaker's XGBoost requires it too)");
    }
    if (numRound() < 1) {
      throw new JobException("hyperparameter num_round must be at least 1: " + values.get("num_round"));
    }
    if (earlyStoppingRounds() < 0) {
      throw new JobException(
          "hyperparameter early_stopping_rounds must not be negative: " + values.get("early_stopping_rounds"));
    }
    return this;
  }

  public int numRound() {
    return intValue("num_round", 0);
  }

  /** Rounds without improvement on the validation channel before training stops; 0 turns it off. */
  public int earlyStoppingRounds() {
    return intValue("early_stopping_rounds", 0);
  }

  /** The evaluation metrics, in order; XGBoost stops early on the last one. */
  public List<String> evalMetrics() {
    String v = values.get("eval_metric");
    if (v == null || v.isBlank()) {
      return List.of("logloss");
    }
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public String stoppingMetric() {
    List<String> m = evalMetrics();
    return m.get(m.size() - 1);
  }

  public boolean stoppingMetricMaximized() {
    String m = stoppingMetric();
    int at = m.indexOf('@');
    return MAXIMIZED.contains(at < 0 ? m : m.substring(0, at));
  }

  /**
   * Booster parameters for a CPU run: every hyperparameter except those the container handles itself
   * ({@link #CONTAINER_KEYS}; the eval metrics are set one by one), {@code gpu_hist} replaced by
   * {@code hist}, the CPU as device, {@code binary:logistic} when no objective is named (what
   * {@link #validate()} assumes; XGBoost's own default is a regression), and a fixed {@code nthread}
   * unless the file names one.
   */
  public Map<String, Object> boosterParams(int nthread) {
    Map<String, Object> p = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (!CONTAINER_KEYS.contains(k)) {
            p.put(k, v);
          }
        });
    if ("gpu_hist".equals(p.get("tree_method"))) {
      p.put("tree_method", "hist");
    }
    p.put("device", "cpu");
    p.putIfAbsent("objective", "binary:logistic");
    p.putIfAbsent("nthread", String.valueOf(nthread));
    p.putIfAbsent("seed", "0");
    p.putIfAbsent("verbosity", "1");
    return p;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(new TreeMap<>(values)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private int intValue(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new JobException("hyperparameter " + key + " must be an integer: " + v);
    }
  }
}
