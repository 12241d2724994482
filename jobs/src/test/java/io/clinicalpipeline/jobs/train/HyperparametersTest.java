package io.clinicalpipeline.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

  @Test
  void shippedFile_usesSageMakerXGBoostNamesAndStringValues() {
    Hyperparameters hp = Hyperparameters.parse(TrainingContract.defaultHyperparameters());

    assertThat(hp.values())
        .containsEntry("objective", "binary:logistic")
        .containsEntry("eval_metric", "auc")
        .containsKeys("num_round", "early_stopping_rounds", "max_depth", "eta", "subsample", "min_child_weight");
    assertThat(hp.numRound()).isPositive();
    assertThat(hp.earlyStoppingRounds()).isPositive();
    assertThat(hp.stoppingMetricMaximized()).isTrue();
  }

  @Test
  void boosterParams_leaveOutContainerKeysAndRunOnCpu() {
    Hyperparameters hp =
        Hyperparameters.parse(
            "{\"num_round\": 50, \"early_stopping_rounds\": \"5\", \"eval_metric\": \"logloss,auc\","
                + " \"tree_method\": \"gpu_hist\", \"max_depth\": \"3\"}");

    Map<String, Object> p = hp.boosterParams(3);

    assertThat(p)
        .doesNotContainKeys("num_round", "early_stopping_rounds", "eval_metric")
        .containsEntry("tree_method", "hist")
        .containsEntry("device", "cpu")
        .containsEntry("objective", "binary:logistic")
        .containsEntry("nthread", "3")
        .containsEntry("max_depth", "3");
    assertThat(hp.evalMetrics()).containsExactly("logloss", "auc");
    assertThat(hp.stoppingMetric()).isEqualTo("auc");
  }

  @Test
  void boosterParams_nthreadFromFile_wins() {
    Hyperparameters hp = Hyperparameters.parse("{\"num_round\": \"5\", \"nthread\": \"4\"}");

    assertThat(hp.boosterParams(1)).containsEntry("nthread", "4");
    assertThat(hp.stoppingMetric()).isEqualTo("logloss");
    assertThat(hp.stoppingMetricMaximized()).isFalse();
  }

  @Test
  void parse_otherObjective_failsNamingIt() {
    assertThatThrownBy(() -> Hyperparameters.parse("{\"num_round\": \"5\", \"objective\": \"reg:squarederror\"}"))
        .isInstanceOf(JobException.class)
        .hasMessage("hyperparameter objective must be binary:logistic (predictions are probabilities): reg:squarederror");
  }

  @Test
  void parse_withoutNumRound_fails() {
    assertThatThrownBy(() -> Hyperparameters.parse("{\"eta\": \"0.1\"}"))
        .hasMessage("hyperparameter num_round is required (SageMaker's XGBoost requires it too)");
  }

  @Test
  void parse_nestedValue_fails() {
    assertThatThrownBy(() -> Hyperparameters.parse("{\"num_round\": {\"a\": 1}}"))
        .hasMessage("hyperparameter num_round must be a string or a number");
  }

  @Test
  void lastMetric_readsValidationsLastMetric() {
    assertThat(XGBoostTrainer.lastMetric("[3]\ttrain-auc:0.91\tvalidation-logloss:0.4\tvalidation-auc:0.8125\n"))
        .isEqualTo(0.8125);
  }

  @Test
  void options_predictionsDefaultBesideOutput() {
    TrainOptions o = TrainOptions.parse(new String[] {"--channels", "/d/features", "--output", "/d/train"});

    assertThat(o.predictionsLocation()).isEqualTo("file:///d/predictions");
    assertThat(o.checkpointInterval()).isEqualTo(TrainOptions.DEFAULT_CHECKPOINT_INTERVAL);
    assertThat(TrainOptions.parse(o.toArgs())).isEqualTo(o);
  }

  @Test
  void options_s3Output_isRefused() {
    assertThatThrownBy(() -> TrainOptions.parse(new String[] {"--channels", "x", "--output", "s3a://b/train"}))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--output must be a local folder");
  }
}
