package io.clinicalpipeline.launch.graph;

import java.util.List;
import java.util.Optional;

/**
 * {@code DeidentifyJob --input OUT/raw --output OUT/deid [--date-policy shift|safe-harbor]
 * [--key-file F | --key-env VAR | --demo-key]}. Only the file or variable name travels, never the key.
 */
public record DeidentifyArgs(
    String input, String output, String datePolicy, Optional<String> keyFile, Optional<String> keyEnv, boolean demoKey)
    implements JobArgs {
  public static final String MAIN = "io.clinicalpipeline.jobs.deid.DeidentifyJob";

  @Override
  public String mainClass() {
    return MAIN;
  }

  @Override
  public List<String> toArgs() {
    return new ArgList()
        .add("input", input)
        .add("output", output)
        .add("date-policy", datePolicy)
        .add("key-file", keyFile)
        .add("key-env", keyEnv)
        .flag("demo-key", demoKey)
        .build();
  }
}
