package io.clinicalpipeline.common.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SageMaker Processing container contract. A job runs "in the container" when
 * {@code <root>/opt/ml/config/processingjobconfig.json} exists; {@code root} is {@code /} unless the
 * environment variable {@code CLINICAL_PIPELINE_CONTAINER_ROOT} or the system property
 * {@code clinical-pipeline.container-root} says otherwise (tests lay out a fake root).
 *
 * <p>Inputs default to the configured {@code ProcessingInputs[].S3Input.LocalPath} (normally
 * {@code /opt/ml/processing/input/<name>}), outputs to {@code ProcessingOutputConfig.Outputs[].S3Output.LocalPath},
 * and a failure message goes to {@code /opt/ml/output/message}.
 */
public final class ProcessingContainer {

  public static final String ROOT_ENV = "CLINICAL_PIPELINE_CONTAINER_ROOT";
  public static final String ROOT_PROPERTY = "clinical-pipeline.container-root";

  private final Path root;
  private final Map<String, String> inputs;
  private final Map<String, String> outputs;

  private ProcessingContainer(Path root, Map<String, String> inputs, Map<String, String> outputs) {
    this.root = root;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  public static Path root() {
    String r = System.getProperty(ROOT_PROPERTY);
    if (r == null || r.isBlank()) {
      r = System.getenv(ROOT_ENV);
    }
    return Path.of(r == null || r.isBlank() ? "/" : r);
  }

  /** The container this process runs in, if any. */
  public static Optional<ProcessingContainer> detect() {
    Path root = root();
    Path config = root.resolve("opt/ml/config/processingjobconfig.json");
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    try {
      JsonNode node = new ObjectMapper().readTree(Files.readString(config, StandardCharsets.UTF_8));
      Map<String, String> in = new LinkedHashMap<>();
      for (JsonNode i : node.path("ProcessingInputs")) {
        String local = i.path("S3Input").path("LocalPath").asText(null);
        if (local != null) {
          in.put(i.path("InputName").asText(), local);
        }
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (JsonNode o : node.path("ProcessingOutputConfig").path("Outputs")) {
        String local = o.path("S3Output").path("LocalPath").asText(null);
        if (local != null) {
          out.put(o.path("OutputName").asText(), local);
        }
      }
      return Optional.of(new ProcessingContainer(root, in, out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + config + ": " + e.getMessage(), e);
    }
  }

  /** The local folder of input {@code name}, under the container root. */
  public Optional<String> input(String name) {
    return Optional.ofNullable(inputs.get(name)).map(this::underRoot);
  }

  /** The local folder of output {@code name}, under the container root. */
  public Optional<String> output(String name) {
    return Optional.ofNullable(outputs.get(name)).map(this::underRoot);
  }

  /** Input names in the order the job configuration lists them (the first is a job's usual default). */
  public java.util.List<String> inputNames() {
    return java.util.List.copyOf(inputs.keySet());
  }

  public Map<String, String> inputs() {
    return Map.copyOf(inputs);
  }

  public Map<String, String> outputs() {
    return Map.copyOf(outputs);
  }

  /** Writes the failure message SageMaker shows for the job (at most 1 KB is shown). */
  public void writeFailure(String message) {
    writeFailureUnder(root, message);
  }

  /** Writes {@code message} to {@code <root>/opt/ml/output/message} when running in a container. */
  public static void reportFailureIfInContainer(String message) {
    detect().ifPresent(c -> c.writeFailure(message));
  }

  static void writeFailureUnder(Path root, String message) {
    Path file = root.resolve("opt/ml/output/message");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, message == null ? "failed" : message, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Nothing more to do: the exit code still says the job failed.
    }
  }

  private String underRoot(String containerPath) {
    return root.resolve(containerPath.replaceFirst("^/+", "")).toString();
  }
}
