package io.clinicalpipeline.jobs.evaluate;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Options of {@link EvaluateJob}. Thresholds are probabilities in (0, 1); a case is predicted positive when
 * its score is at or above the threshold.
 *
 * @param predictions folder holding {@code model/*.out} and, with {@code --baseline predictions},
 *     {@code baseline/*.out} (lines {@code row_id,score})
 * @param examples the features job's examples side table (Parquet)
 * @param output folder for evaluation.json, evaluation.html and _manifest.json
 * @param thresholds thresholds for sensitivity, specificity, PPV, NPV and F1
 * @param decisionThreshold threshold of the SageMaker block's confusion matrix and rates
 * @param netBenefit decision-curve thresholds as {@code from:to:step}
 * @param replicates Poisson bootstrap replicates (0 for none)
 * @param seed seed of the bootstrap weights
 * @param bootstrapBins rank bins for the bootstrap's average precision
 * @param partitions range partitions of the sorted scores
 * @param curvePoints most points per ROC / precision-recall curve in the outputs
 * @param baseline where the baseline's test scores come from: {@value #BASELINE_PREDICTIONS} (files
 *     beside the model's) or {@value #BASELINE_EXAMPLES} (fitted here on the examples' train split, the
 *     same logistic regression the local trainer fits: what a SageMaker run, which has only the model's
 *     batch transform, evaluates with)
 */
public record EvaluateOptions(
    String predictions,
    String examples,
    String output,
    List<Double> thresholds,
    double decisionThreshold,
    String netBenefit,
    int replicates,
    long seed,
    int bootstrapBins,
    int partitions,
    int curvePoints,
    String baseline) {

  public static final String DEFAULT_THRESHOLDS = "0.1,0.2,0.3,0.5";
  public static final String DEFAULT_NET_BENEFIT = "0.01:0.99:0.01";
  public static final String BASELINE_PREDICTIONS = "predictions";
  public static final String BASELINE_EXAMPLES = "examples";

  private static final Set<String> VALUED =
      Set.of(
          "predictions",
          "examples",
          "output",
          "thresholds",
          "decision-threshold",
          "net-benefit",
          "replicates",
          "seed",
          "bootstrap-bins",
          "partitions",
          "curve-points",
          "baseline");

  public static final String HELP =
      String.join(
          "\n",
          "Usage: evaluate --predictions OUT/predictions --examples OUT/features/examples --output OUT/evaluation",
          "  --predictions DIR        model/*.out (and baseline/*.out), lines row_id,score (required)",
          "  --examples DIR           the features job's examples side table, Parquet (required)",
          "  --output DIR             evaluation.json, evaluation.html, _manifest.json (required)",
          "  --thresholds LIST        thresholds for sensitivity/specificity/PPV/NPV/F1 (" + DEFAULT_THRESHOLDS + ")",
          "  --decision-threshold P   threshold of the SageMaker confusion matrix (0.5)",
          "  --net-benefit F:T:S      decision-curve thresholds from:to:step (" + DEFAULT_NET_BENEFIT + ")",
          "  --replicates B           Poisson bootstrap replicates, 0 for none (200)",
          "  --seed S                 seed of the bootstrap weights (1)",
          "  --bootstrap-bins K       rank bins for the bootstrap's average precision (2000)",
          "  --partitions P           range partitions of the sorted scores (16)",
          "  --curve-points M         most points per curve in the outputs (500)",
          "  --baseline predictions|examples  baseline scores from PREDICTIONS/baseline, or fitted on the",
          "                           examples' train split (predictions)");

  public static EvaluateOptions parse(String[] args) {
    Args a = Args.parse(args, VALUED, Set.of());
    List<Double> thresholds = new ArrayList<>();
    for (String t : a.get("thresholds", DEFAULT_THRESHOLDS).split(",")) {
      if (!t.isBlank()) {
        thresholds.add(number("thresholds", t));
      }
    }
    EvaluateOptions o =
        new EvaluateOptions(
            a.require("predictions"),
            a.require("examples"),
            a.require("output"),
            List.copyOf(thresholds),
            a.doubleValue("decision-threshold", 0.5),
            a.get("net-benefit", DEFAULT_NET_BENEFIT),
            a.intValue("replicates", 200),
            a.longValue("seed", 1),
            a.intValue("bootstrap-bins", 2000),
            a.intValue("partitions", 16),
            a.intValue("curve-points", 500),
            a.get("baseline", BASELINE_PREDICTIONS));
    o.validate();
    return o;
  }

  public void validate() {
    for (double t : thresholds) {
      requireProbability("thresholds", t);
    }
    requireProbability("decision-threshold", decisionThreshold);
    netBenefitThresholds();
    if (replicates < 0) {
      throw new UsageException("--replicates must not be negative: " + replicates);
    }
    if (bootstrapBins < 1) {
      throw new UsageException("--bootstrap-bins must be at least 1: " + bootstrapBins);
    }
    if (partitions < 1) {
      throw new UsageException("--partitions must be at least 1: " + partitions);
    }
    if (!baseline.equals(BASELINE_PREDICTIONS) && !baseline.equals(BASELINE_EXAMPLES)) {
      throw new UsageException("--baseline must be predictions or examples: " + baseline);
    }
    if (curvePoints < 2) {
      throw new UsageException("--curve-points must be at least 2: " + curvePoints);
    }
  }

  /** The decision-curve thresholds, rounded to 9 decimals so that 0.1 + 2 * 0.1 prints as 0.3. */
  public double[] netBenefitThresholds() {
    String[] parts = netBenefit.split(":");
    if (parts.length != 3) {
      throw new UsageException("--net-benefit must be from:to:step: " + netBenefit);
    }
    double from = number("net-benefit", parts[0]);
    double to = number("net-benefit", parts[1]);
    double step = number("net-benefit", parts[2]);
    requireProbability("net-benefit", from);
    requireProbability("net-benefit", to);
    if (!(step > 0) || to < from) {
      throw new UsageException("--net-benefit needs from <= to and step > 0: " + netBenefit);
    }
    List<Double> out = new ArrayList<>();
    for (int k = 0; ; k++) {
      double t = Math.round((from + k * step) * 1e9) / 1e9;
      if (t > to + 1e-12) {
        break;
      }
      out.add(t);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  MetricSettings settings() {
    return new MetricSettings(
        thresholds.stream().mapToDouble(Double::doubleValue).toArray(),
        decisionThreshold,
        netBenefitThresholds(),
        replicates,
        seed,
        bootstrapBins,
        partitions,
        curvePoints);
  }

  public String[] toArgs() {
    List<String> out = new ArrayList<>();
    out.addAll(List.of("--predictions", predictions, "--examples", examples, "--output", output));
    out.add("--thresholds");
    out.add(String.join(",", thresholds.stream().map(EvaluateOptions::plain).toList()));
    out.addAll(List.of("--decision-threshold", plain(decisionThreshold), "--net-benefit", netBenefit));
    out.addAll(List.of("--replicates", Integer.toString(replicates), "--seed", Long.toString(seed)));
    out.addAll(List.of("--bootstrap-bins", Integer.toString(bootstrapBins)));
    out.addAll(List.of("--partitions", Integer.toString(partitions)));
    out.addAll(List.of("--curve-points", Integer.toString(curvePoints)));
    out.addAll(List.of("--baseline", baseline));
    return out.toArray(String[]::new);
  }

  private static String plain(double d) {
    return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  private static double number(String flag, String v) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + flag + " must be numbers: " + v);
    }
  }

  private static void requireProbability(String flag, double t) {
    if (!(t > 0 && t < 1)) {
      throw new UsageException(
          String.format(Locale.ROOT, "--%s must be between 0 and 1 (exclusive): %s", flag, t));
    }
  }

  @Override
  public String toString() {
    return "EvaluateOptions" + Arrays.toString(toArgs());
  }
}
