package io.clinicalpipeline.launch.graph;

import io.clinicalpipeline.jobs.evaluate.EvaluateOptions;
import java.util.List;

/**
 * {@code EvaluateJob --predictions OUT/predictions --examples OUT/features/examples --output OUT/evaluation
 * --baseline examples}. The baseline is fitted inside the evaluate step from the examples table on both
 * executors: a SageMaker run has only the model's batch transform ({@code predictions/model}), and the
 * local run evaluates exactly as it does.
 */
public record EvaluateArgs(String predictions, String examples, String output) implements JobArgs {
  public static final String MAIN = "io.clinicalpipeline.jobs.evaluate.EvaluateJob";

  @Override
  public String mainClass() {
    return MAIN;
  }

  @Override
  public List<String> toArgs() {
    return new ArgList().add("predictions", predictions).add("examples", examples).add("output", output)
        .add("baseline", EvaluateOptions.BASELINE_EXAMPLES).build();
  }
}
