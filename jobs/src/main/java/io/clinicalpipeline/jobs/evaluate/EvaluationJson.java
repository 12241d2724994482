package io.clinicalpipeline.jobs.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * evaluation.json. {@code binary_classification_metrics} follows SageMaker's model-quality layout for the
 * model (scalars as {@code {value, standard_deviation}}, "NaN" where SageMaker writes it, the confusion
 * matrix keyed actual then predicted label, the ROC and precision-recall curves) so a ConditionStep can read
 * {@code binary_classification_metrics.auc.value}; {@code clinical_pipeline_metrics} holds everything else
 * for the model and the baseline, and {@code model_raw}, the model before calibration, when its predictions
 * carry raw scores. Non-finite numbers are written as the string "NaN", as SageMaker does.
 */
final class EvaluationJson {

  static final String SAGEMAKER_BLOCK = "binary_classification_metrics";
  static final String EXTRA_BLOCK = "clinical_pipeline_metrics";

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private EvaluationJson() {}

  static String render(Evaluation e) {
    try {
      return MAPPER.writeValueAsString(tree(e)) + "\n";
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static ObjectNode tree(Evaluation e) {
    ObjectNode root = F.objectNode();
    root.set(SAGEMAKER_BLOCK, sagemaker(e.model()));
    ObjectNode extra = root.putObject(EXTRA_BLOCK);
    extra.set("settings", settings(e.settings()));
    extra.set("model", model(e.model()));
    extra.set("baseline", model(e.baseline()));
    if (e.raw() != null) {
      extra.set(EvaluateJob.MODEL_RAW, model(e.raw()));
    }
    ObjectNode comparison = extra.putObject("comparison");
    comparison.set("delta_auroc", interval(e.deltaAuroc(), Interval.percentile95(e.deltaAurocReplicates())));
    if (e.raw() != null) {
      ObjectNode cal = comparison.putObject("calibration");
      cal.set("raw", calibrationSummary(e.raw()));
      cal.set("calibrated", calibrationSummary(e.model()));
    }
    return root;
  }

  static ObjectNode sagemaker(ModelMetrics m) {
    ThresholdMetrics d = m.decision();
    GroupMetrics o = m.overall();
    long p = o.positives();
    long n = o.n() - p;
    ObjectNode b = F.objectNode();
    ObjectNode cm = b.putObject("confusion_matrix");
    cm.putObject("0").put("0", d.tn()).put("1", d.fp());
    cm.putObject("1").put("0", d.fn()).put("1", d.tp());
    b.set("recall", scalar(d.sensitivity()));
    b.set("precision", scalar(d.ppv()));
    b.set("accuracy", scalar(d.accuracy()));
    // The best constant classifier predicts every case positive.
    ThresholdMetrics allPositive = new ThresholdMetrics(0, p, n, 0, 0);
    b.set("recall_best_constant_classifier", scalar(allPositive.sensitivity()));
    b.set("precision_best_constant_classifier", scalar(allPositive.ppv()));
    b.set("accuracy_best_constant_classifier", scalar(allPositive.accuracy()));
    b.set("true_positive_rate", scalar(d.sensitivity()));
    b.set("true_negative_rate", scalar(d.specificity()));
    b.set("false_positive_rate", scalar(1 - d.specificity()));
    b.set("false_negative_rate", scalar(1 - d.sensitivity()));
    ObjectNode roc = b.putObject("receiver_operating_characteristic_curve");
    ArrayNode fpr = roc.putArray("false_positive_rates").add(0.0);
    ArrayNode tpr = roc.putArray("true_positive_rates").add(0.0);
    ObjectNode pr = b.putObject("precision_recall_curve");
    ArrayNode precisions = pr.putArray("precisions").add(1.0);
    ArrayNode recalls = pr.putArray("recalls").add(0.0);
    for (RankPass.Point pt : m.curve()) {
      fpr.add(number((double) pt.fp() / n));
      tpr.add(number((double) pt.tp() / p));
      precisions.add(number((double) pt.tp() / (pt.tp() + pt.fp())));
      recalls.add(number((double) pt.tp() / p));
    }
    Interval ci = Interval.percentile95(m.bootstrap().auroc());
    ObjectNode auc = b.putObject("auc");
    auc.set("value", number(o.auroc()));
    auc.set("standard_deviation", number(ci.standardDeviation()));
    b.set("f0_5", scalar(d.fBeta(0.5)));
    b.set("f1", scalar(d.f1()));
    b.set("f2", scalar(d.fBeta(2)));
    b.set("f0_5_best_constant_classifier", scalar(allPositive.fBeta(0.5)));
    b.set("f1_best_constant_classifier", scalar(allPositive.f1()));
    b.set("f2_best_constant_classifier", scalar(allPositive.fBeta(2)));
    return b;
  }

  static ObjectNode model(ModelMetrics m) {
    GroupMetrics o = m.overall();
    ObjectNode b = F.objectNode();
    b.put("n", o.n());
    b.put("positives", o.positives());
    b.set("prevalence", number(o.prevalence()));
    b.set("auroc", interval(o.auroc(), Interval.percentile95(m.bootstrap().auroc())));
    ObjectNode ap = interval(o.averagePrecision(), Interval.percentile95(m.bootstrap().averagePrecision()));
    ap.set("rank_binning_shift", number(m.bootstrap().apBinningShift()));
    b.set("average_precision", ap);
    b.set("brier", number(o.brier()));
    b.set("scaled_brier", number(o.scaledBrier()));
    b.set("log_loss", number(o.logLoss()));
    b.set("mean_score", number(o.meanScore()));
    b.set("observed_expected", number(o.observedExpected()));
    ObjectNode cal = b.putObject("calibration");
    cal.set("in_the_large", number(o.calibrationInTheLarge()));
    cal.set("intercept", number(o.calibrationIntercept()));
    cal.set("slope", number(o.calibrationSlope()));
    cal.put("converged", o.calibrationConverged());
    cal.put("curve", "logistic recalibration: sigmoid(intercept + slope * logit(score))");
    cal.set("ici", number(o.ici()));
    cal.set("e50", number(m.e50()));
    cal.set("e90", number(m.e90()));
    cal.set("emax", number(o.emax()));
    ArrayNode rel = b.putArray("reliability");
    for (ModelMetrics.ReliabilityBin r : m.reliability()) {
      ObjectNode x = rel.addObject();
      x.set("bin_lower", number(r.lower()));
      x.set("bin_upper", number(r.upper()));
      x.put("n", r.n());
      x.put("positives", r.positives());
      x.set("mean_predicted", number(r.meanPredicted()));
      x.set("observed", number(r.observed()));
    }
    ArrayNode th = b.putArray("thresholds");
    m.thresholds().forEach(t -> th.add(threshold(t)));
    ObjectNode youden = m.youden() == null ? F.objectNode() : threshold(m.youden());
    youden.set("j", number(m.youdenJ()));
    b.set("youden", youden);
    ArrayNode dc = b.putArray("decision_curve");
    double prevalence = o.prevalence();
    for (ThresholdMetrics t : m.netBenefit()) {
      ObjectNode x = dc.addObject();
      x.set("threshold", number(t.threshold()));
      x.set("net_benefit", number(t.netBenefit()));
      x.set("treat_all", number(prevalence - (1 - prevalence) * t.threshold() / (1 - t.threshold())));
    }
    ObjectNode curves = b.putObject("curves");
    curves.put("distinct_scores", m.distinctScores());
    curves.put("stride", m.curveStride());
    ArrayNode thresholds = curves.putArray("thresholds");
    ArrayNode tp = curves.putArray("true_positives");
    ArrayNode fp = curves.putArray("false_positives");
    for (RankPass.Point pt : m.curve()) {
      thresholds.add(number(pt.threshold()));
      tp.add(pt.tp());
      fp.add(pt.fp());
    }
    ArrayNode groups = b.putArray("subgroups");
    for (GroupMetrics g : m.subgroups()) {
      ObjectNode x = groups.addObject();
      x.put("attribute", g.attribute());
      x.put("level", g.level());
      x.put("n", g.n());
      x.put("positives", g.positives());
      x.set("prevalence", number(g.prevalence()));
      x.set("auroc", number(g.auroc()));
      x.set("auroc_gap", number(g.auroc() - o.auroc()));
      x.set("average_precision", number(g.averagePrecision()));
      x.set("brier", number(g.brier()));
      x.set("brier_gap", number(g.brier() - o.brier()));
      x.set("observed_expected", number(g.observedExpected()));
      x.set("calibration_in_the_large", number(g.calibrationInTheLarge()));
      x.set("calibration_in_the_large_gap", number(g.calibrationInTheLarge() - o.calibrationInTheLarge()));
      x.set("calibration_slope", number(g.calibrationSlope()));
      x.set("calibration_slope_gap", number(g.calibrationSlope() - o.calibrationSlope()));
      x.set("ici", number(g.ici()));
      x.set("ici_gap", number(g.ici() - o.ici()));
    }
    return b;
  }

  /** The figures that calibration changes, for the raw-against-calibrated comparison. */
  private static ObjectNode calibrationSummary(ModelMetrics m) {
    GroupMetrics o = m.overall();
    ObjectNode x = F.objectNode();
    x.set("auroc", number(o.auroc()));
    x.set("log_loss", number(o.logLoss()));
    x.set("brier", number(o.brier()));
    x.set("calibration_intercept", number(o.calibrationIntercept()));
    x.set("calibration_slope", number(o.calibrationSlope()));
    x.set("ici", number(o.ici()));
    x.set("e90", number(m.e90()));
    return x;
  }

  private static ObjectNode settings(MetricSettings s) {
    ObjectNode x = F.objectNode();
    ArrayNode th = x.putArray("thresholds");
    for (double t : s.thresholds()) {
      th.add(t);
    }
    x.put("decision_threshold", s.decisionThreshold());
    ArrayNode nb = x.putArray("net_benefit_thresholds");
    for (double t : s.netBenefitThresholds()) {
      nb.add(t);
    }
    ObjectNode boot = x.putObject("bootstrap");
    boot.put("method", "Poisson(1) row weights from (seed, row id); percentile interval");
    boot.put("replicates", s.replicates());
    boot.put("seed", s.seed());
    boot.put("average_precision_rank_bins", s.bootstrapBins());
    x.put("curve_points", s.curvePoints());
    return x;
  }

  private static ObjectNode threshold(ThresholdMetrics t) {
    ObjectNode x = F.objectNode();
    x.set("threshold", number(t.threshold()));
    x.put("tp", t.tp());
    x.put("fp", t.fp());
    x.put("tn", t.tn());
    x.put("fn", t.fn());
    x.set("sensitivity", number(t.sensitivity()));
    x.set("specificity", number(t.specificity()));
    x.set("ppv", number(t.ppv()));
    x.set("npv", number(t.npv()));
    x.set("f1", number(t.f1()));
    x.set("net_benefit", number(t.netBenefit()));
    return x;
  }

  private static ObjectNode interval(double value, Interval ci) {
    ObjectNode x = F.objectNode();
    x.set("value", number(value));
    x.set("ci_lower", number(ci.lower()));
    x.set("ci_upper", number(ci.upper()));
    x.set("standard_deviation", number(ci.standardDeviation()));
    x.put("replicates", ci.replicates());
    return x;
  }

  /** SageMaker's scalar: the value and "NaN" for a standard deviation nobody computed. */
  private static ObjectNode scalar(double value) {
    ObjectNode x = F.objectNode();
    x.set("value", number(value));
    x.put("standard_deviation", "NaN");
    return x;
  }

  static JsonNode number(double v) {
    return Double.isFinite(v) ? DoubleNode.valueOf(v) : TextNode.valueOf("NaN");
  }

  /** Reads a number written by {@link #number}: "NaN" becomes {@link Double#NaN}. */
  static double read(JsonNode node) {
    return node.isNumber() ? node.doubleValue() : Double.NaN;
  }

  static List<String> blocks() {
    return List.of(SAGEMAKER_BLOCK, EXTRA_BLOCK);
  }
}
