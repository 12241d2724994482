package io.clinicalpipeline.jobs.ingest;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.container.ProcessingContainer;
import io.clinicalpipeline.common.options.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Options of {@link IngestJob}: {@code --input SRC --output OUT/raw [--format auto|csv|fhir]
 * [--max-quarantine-share S] [--max-note-bytes N]}.
 *
 * <p>Inside a SageMaker Processing container, {@code --input} defaults to the local path of the input
 * named {@value #CONTAINER_INPUT} (or the first input) and {@code --output} to that of the output named
 * {@value #CONTAINER_OUTPUT}. Flags given explicitly always win.
 */
public record IngestOptions(
    String input, String output, InputFormat format, double maxQuarantineShare, long maxNoteBytes) {

  /** Default of {@code --max-quarantine-share}. */
  public static final double MAX_QUARANTINE_SHARE = 0.05;
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
          "  --format F      auto (default): csv when the input has Synthea CSV, else fhir; or csv, fhir",
          "  --max-quarantine-share S",
          "                  fail (exit 2) when more than this share of a table's records is quarantined",
          "                  (default " + MAX_QUARANTINE_SHARE + "; 1 never fails on the share)",
          "  --max-note-bytes N",
          "                  quarantine a note whose text is longer (UTF-8 bytes; default "
              + IngestTransform.MAX_TEXT_BYTES + ")",
          "",
          "Exit codes: 0 done; 2 bad usage or bad input (the message names file, line and field); 1 internal.");

  public IngestOptions {
    format = format == null ? InputFormat.AUTO : format;
  }

  public IngestOptions(String input, String output, InputFormat format) {
    this(input, output, format, MAX_QUARANTINE_SHARE, IngestTransform.MAX_TEXT_BYTES);
  }

  public static IngestOptions parse(String[] args) {
    Args a =
        Args.parse(args, Set.of("input", "output", "format", "max-quarantine-share", "max-note-bytes"), Set.of());
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
    IngestOptions options =
        new IngestOptions(
            input,
            output,
            format,
            a.doubleValue("max-quarantine-share", MAX_QUARANTINE_SHARE),
            a.longValue("max-note-bytes", IngestTransform.MAX_TEXT_BYTES));
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
    if (!(maxQuarantineShare >= 0 && maxQuarantineShare <= 1)) {
      throw new UsageException("--max-quarantine-share must be a share between 0 and 1: " + maxQuarantineShare);
    }
    if (maxNoteBytes < 1) {
      throw new UsageException("--max-note-bytes must be at least 1: " + maxNoteBytes);
    }
  }

  public String[] toArgs() {
    List<String> args = new ArrayList<>(List.of("--input", input, "--output", output));
    args.add("--format");
    args.add(format.flag());
    if (maxQuarantineShare != MAX_QUARANTINE_SHARE) {
      args.addAll(List.of("--max-quarantine-share", Double.toString(maxQuarantineShare)));
    }
    if (maxNoteBytes != IngestTransform.MAX_TEXT_BYTES) {
      args.addAll(List.of("--max-note-bytes", Long.toString(maxNoteBytes)));
    }
    return args.toArray(new String[0]);
  }
}
