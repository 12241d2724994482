package io.clinicalpipeline.launch.graph;

import java.util.List;

/** {@code IngestJob --input SRC --output OUT/raw [--format auto|csv|fhir]}. */
public record IngestArgs(String input, String output, String format) implements JobArgs {
  public static final String MAIN = "io.clinicalpipeline.jobs.ingest.IngestJob";

  @Override
  public String mainClass() {
    return MAIN;
  }

  @Override
  public List<String> toArgs() {
    return new ArgList().add("input", input).add("output", output).add("format", format).build();
  }
}
