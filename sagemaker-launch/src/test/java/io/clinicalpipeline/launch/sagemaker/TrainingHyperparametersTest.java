package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.jobs.train.Hyperparameters;
import io.clinicalpipeline.jobs.train.TrainingContract;
import io.clinicalpipeline.launch.config.ConfigException;
import io.clinicalpipeline.launch.config.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hyperparameter file for both trainers, and every value the training step sends acceptable to the
 * {@code sagemaker-xgboost:3.0-5} container ({@link XGBoostContainerRules}, written from its validation).
 */
class TrainingHyperparametersTest {

  @TempDir Path tmp;

  private Map<String, String> definitionHyperparameters(String yaml) throws Exception {
    Definition d = DefinitionWriter.write(Fixtures.graph(yaml), Fixtures.jar(tmp, "jar"), false);
    Map<String, String> out = new TreeMap<>();
    JsonNode hp = Fixtures.step(d.json(), "Train").at("/Arguments/HyperParameters");
    for (Iterator<Map.Entry<String, JsonNode>> it = hp.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertThat(e.getValue().isTextual()).as(e.getKey() + " is a string").isTrue();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  @Test
  void definitionHyperparameters_areTheLocalTrainersFile_withTheGpuHistogram() throws Exception {
    Map<String, String> sent = definitionHyperparameters(Fixtures.exampleYaml());
    Map<String, String> local = new TreeMap<>(Hyperparameters.parse(TrainingContract.defaultHyperparameters()).values());
    assertThat(sent).containsEntry("tree_method", "gpu_hist");
    Map<String, String> expected = new TreeMap<>(local);
    expected.put("tree_method", "gpu_hist");
    assertThat(sent).isEqualTo(expected);
    // What the local trainer hands XGBoost4J is the same for either map: the same booster.
    assertThat(new Hyperparameters(sent).boosterParams(2)).isEqualTo(new Hyperparameters(local).boosterParams(2));
  }

  @Test
  void cpuInstance_sendsTheFileUnchanged() throws Exception {
    String yaml = Fixtures.exampleYaml().replace("instance-type: ml.g5.xlarge", "instance-type: ml.m5.2xlarge");
    assertThat(definitionHyperparameters(yaml))
        .isEqualTo(new TreeMap<>(Hyperparameters.parse(TrainingContract.defaultHyperparameters()).values()));
  }

  @Test
  void trainHyperparametersFile_isUsedByTheTrainingStepToo() throws Exception {
    Path file = tmp.resolve("hp.json");
    Files.writeString(file, "{\"num_round\": \"40\", \"max_depth\": \"4\", \"eta\": \"0.2\", \"eval_metric\": \"auc\"}");
    String yaml = Fixtures.exampleYaml().replace("  # hyperparameters: hyperparameters.json",
        "  hyperparameters: " + file);
    Map<String, String> sent = definitionHyperparameters(yaml);
    assertThat(sent).containsEntry("num_round", "40").containsEntry("max_depth", "4").containsEntry("eta", "0.2")
        .containsEntry("tree_method", "gpu_hist").containsEntry("objective", "binary:logistic");
    assertThat(XGBoostContainerRules.violations(sent)).isEmpty();
  }

  @Test
  void everySentHyperparameter_passesTheContainersValidation() throws Exception {
    Map<String, String> sent = definitionHyperparameters(Fixtures.exampleYaml());
    assertThat(XGBoostContainerRules.violations(sent)).isEmpty();
  }

  @Test
  void theRules_rejectWhatTheContainerRejects() {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("num_round", "0");
    bad.put("eta", "1.5");
    bad.put("subsample", "0");
    bad.put("max_depth", "-1");
    bad.put("tree_method", "gpu");
    bad.put("device", "cuda");
    bad.put("eval_metric", "auc,nope");
    bad.put("seed", "2147483647");
    List<String> v = XGBoostContainerRules.violations(bad);
    assertThat(v).hasSize(bad.size());
    assertThat(XGBoostContainerRules.violations(Map.of("eta", "0.1"))).containsExactly("num_round is required");
    assertThat(XGBoostContainerRules.violations(Map.of("num_round", "5", "objective", "reg:squarederror",
        "eval_metric", "auc"))).hasSize(1);
    assertThat(new ArrayList<>(v)).anyMatch(s -> s.startsWith("device"));
  }

  @Test
  void theOldTrainingHyperparametersMap_isRefused() throws Exception {
    String yaml = Fixtures.exampleYaml().replace("    volume-size-gb: 30\n    # hyperparameters",
        "    volume-size-gb: 30\n    hyperparameters: {num_round: 300}\n    # hyperparameters");
    assertThatThrownBy(() -> PipelineConfig.parse("t", yaml)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.hyperparameters");
  }
}
