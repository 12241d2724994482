package io.clinicalpipeline.launch.graph;

import java.util.Optional;

/**
 * Where a rendering puts a step's data: local folders under the run's output for {@code run-local}, the
 * container paths under {@code /opt/ml/processing} for SageMaker. The graph asks, the rendering answers.
 */
public interface Locator {

  /** The path the job reads its input {@code name} (a {@link StepInput#name()}) from. */
  String input(String name);

  /** The path the job writes artifact {@code artifact} to. */
  String output(String artifact);

  /** The path of a configuration file (task spec, suite, hyperparameters, key file) named {@code role}. */
  Optional<String> file(String role, Optional<String> localPath);

  /** Where quality metrics history accumulates across runs, if this rendering keeps one. */
  Optional<String> qualityHistory();

  /** Whether the de-identification step runs with the built-in demo key (never on SageMaker). */
  boolean demoKey();
}
