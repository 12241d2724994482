package io.clinicalpipeline.launch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.launch.config.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelGateTest {

  private static final ModelGate DEFAULTS = ModelGate.of(PipelineConfig.defaults());

  private static JsonNode evaluation(String auc, String gainLower, String slope) throws Exception {
    return new ObjectMapper().readTree(
        "{\"binary_classification_metrics\": {\"auc\": {\"value\": " + auc + "}},"
            + " \"clinical_pipeline_metrics\": {\"model\": {\"calibration\": {\"slope\": " + slope + "}},"
            + " \"comparison\": {\"delta_auroc\": {\"ci_lower\": " + gainLower + "}}}}");
  }

  @Test
  void defaults_areTheIssuesThresholds() {
    assertThat(DEFAULTS).isEqualTo(new ModelGate(0.7, 0.0, 0.8, 1.25));
  }

  @Test
  void goodModel_passes() throws Exception {
    assertThat(DEFAULTS.refusal(evaluation("0.74", "0.001", "1.0"))).isEmpty();
    assertThat(DEFAULTS.refusal(evaluation("0.70", "0.001", "0.8"))).as("bounds included").isEmpty();
    assertThat(DEFAULTS.refusal(evaluation("0.70", "0.001", "1.25"))).isEmpty();
  }

  @Test
  void eachRequirement_failsOnItsOwn_andTheReasonsAddUp() throws Exception {
    assertThat(DEFAULTS.refusal(evaluation("0.74", "0.0", "1.0"))).hasValueSatisfying(r ->
        assertThat(r).startsWith("the 95% lower bound of AUROC model - baseline, 0.000, is not above"));
    assertThat(DEFAULTS.refusal(evaluation("0.74", "0.01", "0.79"))).hasValueSatisfying(r ->
        assertThat(r).startsWith("calibration slope 0.790 is outside"));
    assertThat(DEFAULTS.refusal(evaluation("0.74", "0.01", "1.26"))).isPresent();
    assertThat(DEFAULTS.refusal(evaluation("0.69", "-0.068", "8.14"))).hasValueSatisfying(r ->
        assertThat(List.of(r.split("; "))).hasSize(3).first().asString().startsWith("AUC 0.690 is below"));
  }

  @Test
  void missingOrNaNFigures_fail() throws Exception {
    assertThat(DEFAULTS.refusal(evaluation("0.74", "0.01", "\"NaN\""))).hasValueSatisfying(r ->
        assertThat(r).isEqualTo("calibration slope missing is outside evaluation.min/max-calibration-slope 0.800-1.250"));
    assertThat(DEFAULTS.refusal(new ObjectMapper().readTree("{}"))).hasValueSatisfying(r ->
        assertThat(r.split("; ")).hasSize(3));
  }

  @Test
  void config_readsTheThresholds_andRefusesAnInvertedRange() {
    PipelineConfig c = PipelineConfig.parse("p.yaml",
        "evaluation:\n  min-auc-gain-lower-bound: 0.01\n  min-calibration-slope: 0.9\n  max-calibration-slope: 1.1\n");
    assertThat(ModelGate.of(c)).isEqualTo(new ModelGate(0.7, 0.01, 0.9, 1.1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PipelineConfig.parse("p.yaml",
            "evaluation:\n  min-calibration-slope: 1.3\n"))
        .hasMessageContaining("evaluation.min-calibration-slope must not exceed evaluation.max-calibration-slope");
  }
}
