package io.clinicalpipeline.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job's evaluation.json against scikit-learn's values for the committed fixtures (expected.json),
 * to 1e-9. The model's scores have two decimals and the baseline's one, so most scores are tied.
 */
class SklearnParityTest {

  static final double TOLERANCE = 1e-9;

  static JsonNode json;
  static JsonNode expected;

  @BeforeAll
  static void runJob() throws Exception {
    json = EvaluateFixtures.evaluationJson();
    expected = EvaluateFixtures.expected();
  }

  static JsonNode block(String model) {
    return json.get(EvaluationJson.EXTRA_BLOCK).get(model);
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "baseline"})
  void scalars_equalScikitLearn(String model) {
    JsonNode b = block(model);
    JsonNode e = expected.get(model);
    assertThat(b.get("n").asLong()).isEqualTo(e.get("n").asLong());
    assertThat(b.get("positives").asLong()).isEqualTo(e.get("positives").asLong());
    assertThat(b.at("/auroc/value").asDouble()).isCloseTo(e.get("auroc").asDouble(), within(TOLERANCE));
    assertThat(b.at("/average_precision/value").asDouble())
        .isCloseTo(e.get("average_precision").asDouble(), within(TOLERANCE));
    assertThat(b.get("brier").asDouble()).isCloseTo(e.get("brier").asDouble(), within(TOLERANCE));
    assertThat(b.get("scaled_brier").asDouble()).isCloseTo(e.get("scaled_brier").asDouble(), within(TOLERANCE));
    assertThat(b.get("log_loss").asDouble()).isCloseTo(e.get("log_loss").asDouble(), within(TOLERANCE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "baseline"})
  void calibration_equalsLogisticRecalibration(String model) {
    JsonNode c = block(model).get("calibration");
    JsonNode e = expected.get(model);
    assertThat(c.get("converged").asBoolean()).isTrue();
    assertThat(c.get("intercept").asDouble())
        .isCloseTo(e.get("calibration_intercept").asDouble(), within(TOLERANCE));
    assertThat(c.get("slope").asDouble()).isCloseTo(e.get("calibration_slope").asDouble(), within(TOLERANCE));
    assertThat(c.get("in_the_large").asDouble())
        .isCloseTo(e.get("calibration_in_the_large").asDouble(), within(TOLERANCE));
    assertThat(c.get("ici").asDouble()).isBetween(0.0, c.get("emax").asDouble());
  }

  @Test
  void rocCurve_equalsRocCurveWithAllThresholds() {
    JsonNode roc = json.at("/binary_classification_metrics/receiver_operating_characteristic_curve");
    JsonNode e = expected.at("/model/roc_curve");
    assertClose(roc.get("false_positive_rates"), e.get("fpr"));
    assertClose(roc.get("true_positive_rates"), e.get("tpr"));
    assertClose(block("model").at("/curves/thresholds"), e.get("thresholds"));
    assertClose(block("baseline").at("/curves/thresholds"), expected.at("/baseline/roc_curve/thresholds"));
  }

  @Test
  void precisionRecallCurve_equalsScikitLearnsInDescendingThresholdOrder() {
    JsonNode pr = json.at("/binary_classification_metrics/precision_recall_curve");
    JsonNode e = expected.at("/model/pr_curve");
    assertClose(pr.get("precisions"), e.get("precision"));
    assertClose(pr.get("recalls"), e.get("recall"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "baseline"})
  void operatingPoints_equalConfusionMatrixMetrics(String model) {
    JsonNode list = block(model).get("thresholds");
    JsonNode e = expected.at("/" + model + "/at_thresholds");
    assertThat(list).hasSize(2);
    for (JsonNode t : list) {
      JsonNode x = e.get(Double.toString(t.get("threshold").asDouble()));
      for (String f : List.of("tp", "fp", "tn", "fn")) {
        assertThat(t.get(f).asLong()).as(f).isEqualTo(x.get(f).asLong());
      }
      for (String f : List.of("sensitivity", "specificity", "ppv", "npv", "f1")) {
        assertThat(t.get(f).asDouble()).as(f).isCloseTo(x.get(f).asDouble(), within(TOLERANCE));
      }
    }
    JsonNode y = block(model).get("youden");
    assertThat(y.get("threshold").asDouble()).isEqualTo(expected.at("/" + model + "/youden/threshold").asDouble());
    assertThat(y.get("j").asDouble()).isCloseTo(expected.at("/" + model + "/youden/j").asDouble(), within(TOLERANCE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "baseline"})
  void netBenefit_equalsReferenceAtItsThresholds(String model) {
    JsonNode e = expected.at("/" + model + "/net_benefit");
    int found = 0;
    for (JsonNode x : block(model).get("decision_curve")) {
      JsonNode ref = e.get(Double.toString(x.get("threshold").asDouble()));
      if (ref != null) {
        found++;
        assertThat(x.get("net_benefit").asDouble()).isCloseTo(ref.asDouble(), within(TOLERANCE));
      }
    }
    assertThat(found).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "baseline"})
  void reliability_equalsCalibrationCurve(String model) {
    JsonNode e = expected.at("/" + model + "/reliability");
    List<Double> observed = new ArrayList<>();
    List<Double> predicted = new ArrayList<>();
    int i = 0;
    for (JsonNode bin : block(model).get("reliability")) {
      assertThat(bin.get("n").asLong()).isEqualTo(e.get("counts").get(i++).asLong());
      if (bin.get("n").asLong() > 0) {
        observed.add(bin.get("observed").asDouble());
        predicted.add(bin.get("mean_predicted").asDouble());
      }
    }
    assertThat(observed).hasSize(e.get("observed").size());
    for (int k = 0; k < observed.size(); k++) {
      assertThat(observed.get(k)).isCloseTo(e.get("observed").get(k).asDouble(), within(TOLERANCE));
      assertThat(predicted.get(k)).isCloseTo(e.get("predicted").get(k).asDouble(), within(TOLERANCE));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "baseline"})
  void subgroups_equalScikitLearnPerLevel(String model) {
    JsonNode e = expected.at("/" + model + "/subgroups");
    JsonNode groups = block(model).get("subgroups");
    assertThat(groups).hasSize(e.size());
    double overall = block(model).at("/auroc/value").asDouble();
    for (JsonNode g : groups) {
      JsonNode x = e.get(g.get("attribute").asText() + "=" + g.get("level").asText());
      assertThat(x).as(g.toString()).isNotNull();
      assertThat(g.get("n").asLong()).isEqualTo(x.get("n").asLong());
      assertThat(g.get("positives").asLong()).isEqualTo(x.get("positives").asLong());
      assertThat(g.get("brier").asDouble()).isCloseTo(x.get("brier").asDouble(), within(TOLERANCE));
      assertThat(g.get("auroc").asDouble()).isCloseTo(x.get("auroc").asDouble(), within(TOLERANCE));
      assertThat(g.get("auroc_gap").asDouble()).isCloseTo(x.get("auroc").asDouble() - overall, within(TOLERANCE));
      assertThat(g.get("average_precision").asDouble())
          .isCloseTo(x.get("average_precision").asDouble(), within(TOLERANCE));
    }
  }

  @Test
  void sagemakerAuc_isTheModelsAurocWithItsBootstrapDeviation() {
    JsonNode auc = json.at("/binary_classification_metrics/auc");
    assertThat(auc.get("value").asDouble()).isEqualTo(block("model").at("/auroc/value").asDouble());
    assertThat(auc.get("standard_deviation").asDouble())
        .isEqualTo(block("model").at("/auroc/standard_deviation").asDouble())
        .isPositive();
    JsonNode ci = block("model").get("auroc");
    assertThat(ci.get("ci_lower").asDouble()).isLessThan(auc.get("value").asDouble());
    assertThat(ci.get("ci_upper").asDouble()).isGreaterThan(auc.get("value").asDouble());
  }

  private static void assertClose(JsonNode actual, JsonNode expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).asDouble()).as("index " + i).isCloseTo(expected.get(i).asDouble(), within(TOLERANCE));
    }
  }
}
