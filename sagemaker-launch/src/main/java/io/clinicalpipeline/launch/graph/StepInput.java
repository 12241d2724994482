package io.clinicalpipeline.launch.graph;

/**
 * One input of a step: its name in the step (the SageMaker {@code InputName}), the artifact it reads and
 * an optional sub-path inside that artifact ({@code features} + {@code examples}).
 */
public record StepInput(String name, String artifact, String subpath) {

  public static StepInput of(String artifact) {
    return new StepInput(artifact, artifact, "");
  }
}
