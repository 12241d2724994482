package io.clinicalpipeline.launch.sagemaker;

import io.clinicalpipeline.launch.config.ConfigException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The names people see in SageMaker Studio: {@code PipelineDisplayName} (shape {@code PipelineName}: 1 to
 * {@value #PIPELINE_MAX} letters, digits and inner hyphens) and {@code PipelineExecutionDisplayName} (shape
 * {@code PipelineExecutionName}: the same alphabet, at most {@value #EXECUTION_MAX}). The API model anchors
 * neither pattern; the service matches the whole name, and so do we.
 */
public final class DisplayNames {

  public static final int PIPELINE_MAX = 256;
  public static final int EXECUTION_MAX = 82;
  private static final Pattern ALPHABET = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private DisplayNames() {}

  /** The pipeline's display name: its name, checked. */
  public static String pipeline(String pipelineName) {
    return require("pipeline display name", pipelineName, PIPELINE_MAX);
  }

  /** {@code <pipeline>-<yyyyMMdd-HHmmss>} in UTC, the pipeline part shortened to fit. */
  public static String execution(String pipelineName, Instant at) {
    String stamp = "-" + STAMP.format(at);
    String head = pipelineName.length() > EXECUTION_MAX - stamp.length()
        ? pipelineName.substring(0, EXECUTION_MAX - stamp.length()) : pipelineName;
    head = head.replaceAll("-+$", "");
    return requireExecution(head + stamp);
  }

  public static String requireExecution(String name) {
    return require("execution display name", name, EXECUTION_MAX);
  }

  private static String require(String what, String name, int max) {
    if (name == null || name.isEmpty() || name.length() > max || !ALPHABET.matcher(name).matches()) {
      throw new ConfigException(what + " must be 1 to " + max
          + " letters, digits and hyphens, starting and ending with a letter or digit: " + name);
    }
    return name;
  }
}
