package io.clinicalpipeline.jobs.ingest;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.container.ProcessingContainer;
import io.clinicalpipeline.common.options.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Options of {@link IngestJob}: {@code --input SRC --output OUT/raw [--format auto|csv|fhir]}.
 *
 * <p>Inside a SageMaker Processing container, {@code --input} defaults to the local path of the input
 * named {@value #CONTAINER_INPUT} (or the first input) and {@code --output} to that of the output named
 * {@value #CONTAINER_OUTPUT}. Flags given explicitly always win.
 */
public record IngestOptions(String input, String output, InputFormat format) {

  public static final String CONTAINER_INPUT = "raw-input";
  public static final String CONTAINER_OUTPUT = "raw";

  public static final String HELP =
      String.join(
          "\n",
          "Usage: ingest --input SRC --output OUT/raw [--format auto|csv|fhir]",
          "",
          "Reads Synthea CSV (csv/ and notes/) or FHIR R4 bulk NDJSON (fhir/), plain or gzip-compressed,",
          "into the raw canonical tables (Parquet), the quarantine table and _manifest.json.",
          "",
          "  --input SRC     folder or s3a:// prefix holding csv/, fhir/ and/or notes/ (or one of them);",
          "                  in a SageMaker Processing container: the input '" + CONTAINER_INPUT + "' or the first",
          "  --output DIR    where the raw tables go; in a container: the output '" + CONTAINER_OUTPUT + "'",
          "  --format F      auto (default): csv when the input has Synthea CSV, else fhir; or csv, fhir");

  public IngestOptions {
    format = format == null ? InputFormat.AUTO : format;
  }

  public static IngestOptions parse(String[] args) {
    Args a = Args.parse(args, Set.of("input", "output", "format"), Set.of());
    Optional<ProcessingContainer> container = ProcessingContainer.detect();
    String input = a.get("input");
    if (input == null && container.isPresent()) {
      ProcessingContainer c = container.get();
      input =
          c.input(CONTAINER_INPUT)
              .or(() -> c.inputs().isEmpty() ? Optional.empty() : c.input(firstName(c)))
              .orElse(null);
    }
    String output = a.get("output");
    if (output == null && container.isPresent()) {
      output = container.get().output(CONTAINER_OUTPUT).orElse(null);
    }
    InputFormat format = InputFormat.parse(a.get("format", "auto"));
    IngestOptions options = new IngestOptions(input, output, format);
    options.validate();
    return options;
  }

  /** The first input in the order processingjobconfig.json lists them. */
  private static String firstName(ProcessingContainer c) {
    return c.inputNames().get(0);
  }

  public void validate() {
    if (input == null || input.isBlank()) {
      throw new UsageException("--input is required");
    }
    if (output == null || output.isBlank()) {
      throw new UsageException("--output is required");
    }
  }

  public String[] toArgs() {
    List<String> args = new ArrayList<>(List.of("--input", input, "--output", output));
    args.add("--format");
    args.add(format.flag());
    return args.toArray(new String[0]);
  }
}
