package io.clinicalpipeline.launch.sagemaker;

import io.clinicalpipeline.jobs.train.Hyperparameters;
import io.clinicalpipeline.jobs.train.TrainingContract;
import io.clinicalpipeline.launch.config.ConfigException;
import io.clinicalpipeline.launch.config.PipelineConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training step's hyperparameters: the one file the local trainer reads too ({@code train.hyperparameters},
 * else the jobs' shipped {@code hyperparameters.json}), checked by the same parser. Only the histogram
 * method follows the instance: {@code gpu_hist} on a GPU, {@code hist} on a CPU. The {@code sagemaker-xgboost:3.0-5}
 * container accepts those two (its validation has no {@code device} hyperparameter), and the local
 * trainer runs either as {@code hist} on the CPU, so both sides train the same booster.
 */
final class TrainingHyperparameters {

  static final String TREE_METHOD = "tree_method";
  static final String OBJECTIVE = "objective";

  private TrainingHyperparameters() {}

  static Map<String, String> of(PipelineConfig config) {
    String text = config.hyperparametersFile().map(TrainingHyperparameters::read)
        .orElseGet(TrainingContract::defaultHyperparameters);
    Map<String, String> hp = new TreeMap<>(Hyperparameters.parse(text).values());
    // The parser and the local trainer take a missing objective as binary:logistic; the container's
    // default is a regression, under which eval_metric auc is refused. Say it.
    hp.putIfAbsent(OBJECTIVE, "binary:logistic");
    String method = hp.getOrDefault(TREE_METHOD, "hist");
    if (method.equals("hist") || method.equals("gpu_hist")) {
      boolean gpu = InstanceTypes.isGpu(config.requireSageMaker().training().instanceType());
      hp.put(TREE_METHOD, gpu ? "gpu_hist" : "hist");
    }
    return hp;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read train.hyperparameters " + file);
    }
  }
}
