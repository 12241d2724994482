package io.clinicalpipeline.launch.graph;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One node of the pipeline graph: name, kind, what it reads and writes (artifact names; {@link
 * Artifacts} says where each lives), the steps it waits for, and for jobs the typed options built for a
 * given {@link Locator}.
 */
public record Step(
    String name,
    StepKind kind,
    String description,
    List<StepInput> inputs,
    List<String> outputs,
    List<String> dependsOn,
    Function<Locator, JobArgs> args) {

  public Optional<JobArgs> jobArgs(Locator locator) {
    return args == null ? Optional.empty() : Optional.of(args.apply(locator));
  }

  /** The step's name in a SageMaker definition: {@code quality-raw} becomes {@code QualityRaw}. */
  public String sageMakerName() {
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("-")) {
      sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return sb.toString();
  }

  public StepInput input(String inputName) {
    return inputs.stream()
        .filter(i -> i.name().equals(inputName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("step " + name + " has no input " + inputName));
  }
}
