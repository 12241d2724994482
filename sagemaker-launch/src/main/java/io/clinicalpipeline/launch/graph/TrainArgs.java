package io.clinicalpipeline.launch.graph;

import java.util.List;
import java.util.Optional;

/**
 * {@code TrainJob --channels OUT/features --output OUT/train [--hyperparameters FILE]}; the job also
 * writes predictions to {@code OUT/predictions}, the sibling of its output.
 */
public record TrainArgs(String channels, String output, Optional<String> hyperparameters) implements JobArgs {
  public static final String MAIN = "io.clinicalpipeline.jobs.train.TrainJob";

  @Override
  public String mainClass() {
    return MAIN;
  }

  @Override
  public List<String> toArgs() {
    return new ArgList()
        .add("channels", channels)
        .add("output", output)
        .add("hyperparameters", hyperparameters)
        .build();
  }
}
