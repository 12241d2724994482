package io.clinicalpipeline.launch.graph;

import java.util.List;
import java.util.Optional;

/**
 * {@code QualityJob --checkpoint raw|deid|features --input DIR --output OUT/quality/<checkpoint>
 * [--raw OUT/raw] [--history OUT/quality-history] [--suite FILE]}.
 */
public record QualityArgs(
    String checkpoint,
    String input,
    String output,
    Optional<String> raw,
    Optional<String> history,
    Optional<String> suite)
    implements JobArgs {
  public static final String MAIN = "io.clinicalpipeline.jobs.quality.QualityJob";
  /** The report the job writes into its output folder, passing or failing. */
  public static final String REPORT_HTML = "report.html";

  @Override
  public String mainClass() {
    return MAIN;
  }

  @Override
  public List<String> toArgs() {
    return new ArgList()
        .add("checkpoint", checkpoint)
        .add("input", input)
        .add("output", output)
        .add("raw", raw)
        .add("history", history)
        .add("suite", suite)
        .build();
  }
}
