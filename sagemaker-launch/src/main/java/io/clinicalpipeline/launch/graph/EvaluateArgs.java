package io.clinicalpipeline.launch.graph;

import java.util.List;

/** {@code EvaluateJob --predictions OUT/predictions --examples OUT/features/examples --output OUT/evaluation}. */
public record EvaluateArgs(String predictions, String examples, String output) implements JobArgs {
  public static final String MAIN = "io.clinicalpipeline.jobs.evaluate.EvaluateJob";

  @Override
  public String mainClass() {
    return MAIN;
  }

  @Override
  public List<String> toArgs() {
    return new ArgList().add("predictions", predictions).add("examples", examples).add("output", output).build();
  }
}
