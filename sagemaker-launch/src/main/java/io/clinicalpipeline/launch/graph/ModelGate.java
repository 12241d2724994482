package io.clinicalpipeline.launch.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.launch.config.PipelineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the register condition asks of the model, read from the evaluate step's evaluation.json: AUROC at
 * least {@code minAuc}; the lower 95% bound of the paired bootstrap interval of AUROC(model) -
 * AUROC(baseline) above {@code minAucGainLowerBound}; the calibration slope within [{@code minSlope},
 * {@code maxSlope}]. The local condition step applies it; the SageMaker definition's ConditionStep states
 * the same three tests on the same paths.
 */
public record ModelGate(double minAuc, double minAucGainLowerBound, double minSlope, double maxSlope) {

  public static final String AUC_PATH = "binary_classification_metrics.auc.value";
  public static final String AUC_GAIN_LOWER_PATH = "clinical_pipeline_metrics.comparison.delta_auroc.ci_lower";
  public static final String CALIBRATION_SLOPE_PATH = "clinical_pipeline_metrics.model.calibration.slope";

  public static ModelGate of(PipelineConfig c) {
    return new ModelGate(c.minAuc(), c.minAucGainLowerBound(), c.minCalibrationSlope(), c.maxCalibrationSlope());
  }

  /** The thresholds, as the condition step's configuration. */
  public String describe() {
    return String.format(Locale.ROOT, "min-auc %s min-auc-gain-lower-bound %s calibration-slope %s-%s",
        minAuc, minAucGainLowerBound, minSlope, maxSlope);
  }

  /**
   * Empty when the model may be registered; otherwise why not: every unmet requirement, figures and
   * thresholds only. A figure evaluation.json lacks (or states as "NaN") fails its requirement.
   */
  public Optional<String> refusal(JsonNode evaluation) {
    List<String> reasons = new ArrayList<>();
    double auc = number(evaluation, AUC_PATH);
    if (!(auc >= minAuc)) {
      reasons.add(String.format(Locale.ROOT, "AUC %s is below evaluation.min-auc %.3f", figure(auc), minAuc));
    }
    double gain = number(evaluation, AUC_GAIN_LOWER_PATH);
    if (!(gain > minAucGainLowerBound)) {
      reasons.add(String.format(Locale.ROOT,
          "the 95%% lower bound of AUROC model - baseline, %s, is not above evaluation.min-auc-gain-lower-bound %.3f",
          figure(gain), minAucGainLowerBound));
    }
    double slope = number(evaluation, CALIBRATION_SLOPE_PATH);
    if (!(slope >= minSlope && slope <= maxSlope)) {
      reasons.add(String.format(Locale.ROOT,
          "calibration slope %s is outside evaluation.min/max-calibration-slope %.3f-%.3f", figure(slope), minSlope,
          maxSlope));
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private static double number(JsonNode root, String dotted) {
    JsonNode node = root;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node.isNumber() ? node.asDouble() : Double.NaN;
  }

  private static String figure(double v) {
    return Double.isNaN(v) ? "missing" : String.format(Locale.ROOT, "%.3f", v);
  }
}
