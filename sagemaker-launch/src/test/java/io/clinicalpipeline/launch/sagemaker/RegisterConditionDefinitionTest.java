package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.common.testing.SharedReference;
import io.clinicalpipeline.launch.graph.ModelGate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register condition in the SageMaker definition: the model gate's three tests on evaluation.json,
 * its parameters valid as the API model and the published definition schema describe them, and the Fail
 * step on the else branch.
 */
class RegisterConditionDefinitionTest {

  static final List<String> GATE_PARAMETERS =
      List.of("MinAuc", "MinAucGainLowerBound", "MinCalibrationSlope", "MaxCalibrationSlope");

  @TempDir Path tmp;

  @Test
  void condition_testsAucGainOverTheBaselineAndTheSlopeRange_onTheEvaluationReport() throws Exception {
    JsonNode c = Fixtures.step(Fixtures.exampleDefinition(tmp), "CheckQualityAndAuc").path("Arguments").path("Conditions");
    List<String> tests = new ArrayList<>();
    for (JsonNode x : c) {
      if (x.has("LeftValue")) {
        assertThat(x.at("/LeftValue/Std:JsonGet/PropertyFile/Get").asText())
            .isEqualTo("Steps.Evaluate.PropertyFiles.EvaluationReport");
        tests.add(x.at("/LeftValue/Std:JsonGet/Path").asText() + " " + x.path("Type").asText() + " "
            + x.at("/RightValue/Get").asText());
      }
    }
    assertThat(tests).containsExactly(
        ModelGate.AUC_PATH + " GreaterThanOrEqualTo Parameters.MinAuc",
        ModelGate.AUC_GAIN_LOWER_PATH + " GreaterThan Parameters.MinAucGainLowerBound",
        ModelGate.CALIBRATION_SLOPE_PATH + " GreaterThanOrEqualTo Parameters.MinCalibrationSlope",
        ModelGate.CALIBRATION_SLOPE_PATH + " LessThanOrEqualTo Parameters.MaxCalibrationSlope");
  }

  @Test
  void elseBranch_isAFailStepWhoseMessageGivesEveryThreshold() throws Exception {
    JsonNode d = Fixtures.exampleDefinition(tmp);
    JsonNode a = Fixtures.step(d, "CheckQualityAndAuc").path("Arguments");
    assertThat(a.path("ElseSteps")).hasSize(1);
    JsonNode fail = a.at("/ElseSteps/0");
    assertThat(fail.path("Type").asText()).isEqualTo("Fail");
    assertThat(fail.path("Name").asText()).isEqualTo(DefinitionWriter.FAIL_STEP);
    String message = new DefinitionAccess(d, "aws", "123456789012", "us-east-1").resolve(fail.at("/Arguments/ErrorMessage"));
    assertThat(message).isEqualTo("Model not registered: it needs evaluation AUC at least 0.7"
        + " and the 95% lower bound of AUROC model - baseline above 0.0 and calibration slope from 0.8 to 1.25"
        + " (see evaluation.json) and a feature quality status other than failed");
    assertThat(a.at("/IfSteps/0/Type").asText()).isEqualTo("RegisterModel");
  }

  @Test
  void gateParameters_validAgainstThePublishedSchemaAndTheApiModel() throws Exception {
    Path schemaFile = SharedReference.require("sagemaker-reference/api-model/pipeline-definition.schema.json");
    Path apiModel = ApiModelValidationTest.sharedApiModel();
    ObjectMapper json = new ObjectMapper();
    JsonNode defs = json.readTree(schemaFile.toFile()).path("definitions");
    JsonNode floatParameter = defs.path("FloatParameter");
    String namePattern = defs.at("/ParameterName/pattern").asText();
    BotocoreValidator api = new BotocoreValidator(json.readTree(apiModel.toFile()).path("shapes"), List.of());
    JsonNode d = Fixtures.exampleDefinition(tmp);
    List<String> seen = new ArrayList<>();
    for (JsonNode p : d.path("Parameters")) {
      String name = p.path("Name").asText();
      if (!GATE_PARAMETERS.contains(name)) {
        continue;
      }
      seen.add(name);
      p.fieldNames().forEachRemaining(f -> assertThat(floatParameter.path("properties").has(f)).as(name + "." + f).isTrue());
      floatParameter.path("required").forEach(r -> assertThat(p.has(r.asText())).as(name + " has " + r).isTrue());
      assertThat(name).matches(namePattern);
      assertThat(p.path("Type").asText()).isIn(json.convertValue(floatParameter.at("/properties/Type/enum"), List.class));
      assertThat(p.path("DefaultValue").isNumber()).as(name + " default is a number").isTrue();
      // As a StartPipelineExecution override would send it.
      ObjectNode override = JsonNodeFactory.instance.objectNode()
          .put("Name", name).put("Value", p.path("DefaultValue").asText());
      api.structure(override, "Parameter", name, true);
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(GATE_PARAMETERS);
    assertThat(api.errors).isEmpty();
    JsonNode binaryTypes = defs.at("/BinaryCondition/properties/Type/enum");
    for (JsonNode x : Fixtures.step(d, "CheckQualityAndAuc").at("/Arguments/Conditions")) {
      if (x.has("LeftValue")) {
        assertThat(json.convertValue(binaryTypes, List.class)).contains(x.path("Type").asText());
        x.fieldNames().forEachRemaining(f ->
            assertThat(defs.at("/BinaryCondition/properties").has(f)).as("condition field " + f).isTrue());
      }
    }
    assertThat(defs.at("/FailStep/properties/Arguments/properties").has("ErrorMessage")).isTrue();
  }
}
