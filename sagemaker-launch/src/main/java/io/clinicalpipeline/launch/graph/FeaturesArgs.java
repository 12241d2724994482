package io.clinicalpipeline.launch.graph;

import java.util.List;
import java.util.Optional;

/** {@code FeaturesJob --input OUT/deid --output OUT/features [--task FILE]}. */
public record FeaturesArgs(String input, String output, Optional<String> task) implements JobArgs {
  public static final String MAIN = "io.clinicalpipeline.jobs.features.FeaturesJob";

  @Override
  public String mainClass() {
    return MAIN;
  }

  @Override
  public List<String> toArgs() {
    return new ArgList().add("input", input).add("output", output).add("task", task).build();
  }
}
