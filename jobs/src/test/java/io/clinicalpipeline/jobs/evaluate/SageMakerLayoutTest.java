package io.clinicalpipeline.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.common.testing.Required;
import io.clinicalpipeline.common.testing.SharedReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * evaluation.json's {@code binary_classification_metrics} has the structure of SageMaker's model-quality
 * layout for binary classification: the same keys at every level, {@code {value, standard_deviation}}
 * scalars (a number or "NaN"), an integer confusion matrix keyed actual then predicted label, and paired
 * curve arrays. The layout is {@code src/test/resources/evaluate/sagemaker-binary-classification-layout.json}
 * (keys and value kinds of the documented example, values zeroed); with
 * {@code -Dsagemaker.formats=DIR} the test also compares against the documentation's example file there.
 */
class SageMakerLayoutTest {

  static JsonNode json;

  @BeforeAll
  static void evaluate() throws Exception {
    json = EvaluateFixtures.evaluationJson();
  }

  @Test
  void binaryClassificationMetrics_haveSageMakersLayout() throws Exception {
    JsonNode layout =
        EvaluationJson.MAPPER.readTree(
            EvaluateFixtures.class.getResourceAsStream("/evaluate/sagemaker-binary-classification-layout.json"));
    assertThat(differences(layout, only(json), "")).isEmpty();
  }

  @Test
  void binaryClassificationMetrics_matchTheDocumentedExampleWhenGiven() throws Exception {
    String name = "aws-docs__model-quality_binary_classification_metrics.json";
    String dir = System.getProperty("sagemaker.formats");
    Path example =
        dir != null ? Path.of(dir, name) : SharedReference.find("sagemaker-reference/formats/" + name);
    Required.that(Files.isRegularFile(example), "the documented example, " + example);
    assertThat(differences(EvaluationJson.MAPPER.readTree(Files.readString(example)), only(json), "")).isEmpty();
  }

  @Test
  void conditionStepPath_readsTheModelsAuroc() {
    JsonNode auc = json.at("/binary_classification_metrics/auc/value");
    assertThat(auc.isNumber()).isTrue();
    assertThat(auc.asDouble()).isEqualTo(json.at("/clinical_pipeline_metrics/model/auroc/value").asDouble());
  }

  @Test
  void curves_havePairedArraysFromTheOrigin() {
    JsonNode roc = json.at("/binary_classification_metrics/receiver_operating_characteristic_curve");
    JsonNode pr = json.at("/binary_classification_metrics/precision_recall_curve");
    assertThat(roc.get("false_positive_rates").size()).isEqualTo(roc.get("true_positive_rates").size());
    assertThat(pr.get("precisions").size()).isEqualTo(pr.get("recalls").size());
    assertThat(roc.get("false_positive_rates").get(0).asDouble()).isZero();
    int last = roc.get("true_positive_rates").size() - 1;
    assertThat(roc.get("true_positive_rates").get(last).asDouble()).isEqualTo(1.0);
    assertThat(roc.get("false_positive_rates").get(last).asDouble()).isEqualTo(1.0);
  }

  private static JsonNode only(JsonNode root) {
    JsonNode copy = root.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).retain(EvaluationJson.SAGEMAKER_BLOCK);
    return copy;
  }

  /** Where {@code actual} departs from the structure of {@code layout}, as readable paths. */
  static List<String> differences(JsonNode layout, JsonNode actual, String path) {
    List<String> out = new ArrayList<>();
    if (layout.isObject()) {
      if (!actual.isObject()) {
        out.add(path + ": expected an object");
        return out;
      }
      for (Iterator<String> it = layout.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!actual.has(k)) {
          out.add(path + "/" + k + ": missing");
        } else {
          out.addAll(differences(layout.get(k), actual.get(k), path + "/" + k));
        }
      }
      for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!layout.has(k)) {
          out.add(path + "/" + k + ": not in the layout");
        }
      }
    } else if (layout.isArray()) {
      if (!actual.isArray() || actual.isEmpty()) {
        out.add(path + ": expected a non-empty array");
      } else {
        for (JsonNode v : actual) {
          if (!v.isNumber()) {
            out.add(path + ": expected numbers");
            break;
          }
        }
      }
    } else if (path.startsWith("/binary_classification_metrics/confusion_matrix")) {
      if (!actual.isIntegralNumber()) {
        out.add(path + ": expected an integer count");
      }
    } else if (!(actual.isNumber() || (actual.isTextual() && actual.asText().equals("NaN")))) {
      out.add(path + ": expected a number or NaN");
    }
    return out;
  }
}
