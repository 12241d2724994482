package io.clinicalpipeline.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model directory as training leaves it in SageMaker's {@code /opt/ml/model} (and the train job in
 * {@code OUT/train/model/model}): {@value #MODEL_FILE}, the booster in XGBoost UBJSON, and optionally
 * {@value #FEATURE_MANIFEST}, the features job's manifest, whose {@code features[].name} in
 * {@code csv_column} order are the model's input columns. The manifest can also be given on its own.
 */
public record ModelDir(byte[] model, List<String> featureNames) {

  public static final String MODEL_FILE = "xgboost-model";
  public static final String FEATURE_MANIFEST = "feature_manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelDir {
    featureNames = List.copyOf(featureNames);
  }

  /**
   * Reads {@code dir}; the feature names come from {@code manifest} when given, else from the directory's
   * own {@value #FEATURE_MANIFEST} when present, else there are none (CSV rows only).
   */
  public static ModelDir read(Path dir, Optional<Path> manifest) throws IOException {
    Path model = dir.resolve(MODEL_FILE);
    if (!Files.isRegularFile(model)) {
      throw new IOException("model directory has no " + MODEL_FILE + ": " + dir);
    }
    Path names = manifest.orElse(dir.resolve(FEATURE_MANIFEST));
    List<String> features =
        Files.isRegularFile(names) ? featureNames(Files.readAllBytes(names), names.toString()) : List.of();
    if (manifest.isPresent() && !Files.isRegularFile(names)) {
      throw new IOException("feature manifest not found: " + names);
    }
    return new ModelDir(Files.readAllBytes(model), features);
  }

  /** The feature names of a feature manifest, ordered by {@code csv_column} (column 0 is the label). */
  static List<String> featureNames(byte[] manifest, String source) throws IOException {
    JsonNode features = JSON.readTree(manifest).path("features");
    if (!features.isArray() || features.isEmpty()) {
      throw new IOException(source + ": no features array");
    }
    String[] names = new String[features.size()];
    for (int i = 0; i < features.size(); i++) {
      JsonNode f = features.get(i);
      int column = f.path("csv_column").asInt(-1);
      String name = f.path("name").asText("");
      if (column < 1 || column > names.length || names[column - 1] != null || name.isEmpty()) {
        throw new IOException(source + ": features[" + i + "] has a bad csv_column or name");
      }
      names[column - 1] = name;
    }
    return new ArrayList<>(List.of(names));
  }
}
