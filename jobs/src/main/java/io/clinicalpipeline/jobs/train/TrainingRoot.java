package io.clinicalpipeline.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A local folder laid out as SageMaker's training container sees {@code /opt/ml}:
 * {@code input/config/hyperparameters.json}, {@code input/config/inputdataconfig.json},
 * {@code input/data/<channel>/}, {@code model/}, {@code checkpoints/}, {@code output/data/} and
 * {@code output/failure} when training fails.
 */
final class TrainingRoot {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path root;

  TrainingRoot(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  Path channel(String name) {
    return root.resolve(TrainingContract.INPUT_DATA).resolve(name);
  }

  Path modelDir() {
    return root.resolve(TrainingContract.MODEL_DIR);
  }

  Checkpoints checkpoints() {
    return new Checkpoints(root.resolve(TrainingContract.CHECKPOINTS_DIR));
  }

  /**
   * Starts a run: clears {@code input/}, {@code model/} and {@code output/} of an earlier run and keeps
   * {@code checkpoints/}, which is what a restarted job resumes from.
   */
  void prepare() {
    for (String dir : new String[] {"input", TrainingContract.MODEL_DIR, "output"}) {
      deleteTree(root.resolve(dir));
    }
    try {
      Files.createDirectories(root.resolve(TrainingContract.INPUT_DATA));
      Files.createDirectories(modelDir());
      Files.createDirectories(root.resolve(TrainingContract.OUTPUT_DATA));
      Files.createDirectories(root.resolve(TrainingContract.CHECKPOINTS_DIR));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the training root: " + e.getMessage(), e);
    }
  }

  /** Writes {@code input/config/hyperparameters.json} and {@code inputdataconfig.json}. */
  void writeConfig(String hyperparametersJson, Map<String, String> channelContentTypes) {
    writeText(TrainingContract.HYPERPARAMETERS_JSON, hyperparametersJson);
    Map<String, Object> config = new LinkedHashMap<>();
    channelContentTypes.forEach(
        (channel, type) -> {
          Map<String, String> c = new LinkedHashMap<>();
          c.put("ContentType", type);
          c.put("TrainingInputMode", "File");
          c.put("S3DistributionType", "FullyReplicated");
          c.put("RecordWrapperType", "None");
          config.put(channel, c);
        });
    writeJson(TrainingContract.INPUT_DATA_CONFIG_JSON, config);
  }

  void writeJson(String relative, Object value) {
    try {
      writeText(relative, JSON.writeValueAsString(value) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeText(String relative, String content) {
    writeBytes(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  void writeBytes(String relative, byte[] content) {
    Path p = root.resolve(relative);
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + relative + ": " + e.getMessage(), e);
    }
  }

  /** The failure reason SageMaker shows for a training job; best effort, the exit code says it too. */
  void writeFailure(String message) {
    try {
      writeText(TrainingContract.FAILURE_FILE, message + "\n");
    } catch (UncheckedIOException e) {
      // Nothing more to do.
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir.getFileName() + ": " + e.getMessage(), e);
    }
  }
}
