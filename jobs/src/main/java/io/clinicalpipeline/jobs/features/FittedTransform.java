package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.jobs.features.FeatureMatrix.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The feature transform as the features job fitted it, read back from its outputs: the task spec
 * ({@code task_spec.yaml}: cohort, prediction time, lookback windows) and the columns of
 * {@code feature_manifest.json} (the code and observation vocabularies, race and ethnicity categories and
 * note IDF of the training split). Applied to any de-identified tables it builds the same columns with
 * the same code as the features job ({@link FeatureMatrix#apply}); nothing is fitted again.
 *
 * @param spec the task spec
 * @param features every feature column, in manifest (CSV) order
 */
public record FittedTransform(TaskSpec spec, List<Feature> features) {

  /** Reads the transform; errors name the file and the field, never a value. */
  public static FittedTransform load(Path taskSpec, Path featureManifest) {
    TaskSpec spec;
    try {
      spec = TaskSpec.parse(Files.readString(taskSpec));
    } catch (InvalidTaskSpecException e) {
      throw new InputException(taskSpec + ": " + e.getMessage());
    } catch (IOException e) {
      throw new InputException(taskSpec + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    JsonNode manifest;
    try {
      manifest = new ObjectMapper().readTree(featureManifest.toFile());
    } catch (IOException e) {
      throw new InputException(featureManifest + ": not valid JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (!spec.digest().equals(manifest.path("task_digest").asText())) {
      throw new InputException(featureManifest + ": field task_digest does not match " + taskSpec.getFileName());
    }
    JsonNode list = manifest.path("features");
    if (!list.isArray() || list.isEmpty()) {
      throw new InputException(featureManifest + ": field features must be a non-empty array");
    }
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      String at = featureManifest + ": field features[" + i + "].";
      JsonNode window = f.path("window_days");
      JsonNode idf = f.path("idf");
      if (!(window.isMissingNode() || window.isNull() || window.isInt())) {
        throw new InputException(at + "window_days must be a whole number or null");
      }
      if (!(idf.isMissingNode() || idf.isNull() || idf.isNumber())) {
        throw new InputException(at + "idf must be a number");
      }
      Feature feature = new Feature(text(f, "name", at), text(f, "type", at), text(f, "source", at),
          text(f, "key", at), text(f, "stat", at), window.isInt() ? window.asInt() : null,
          idf.isNumber() ? idf.asDouble() : null);
      if (!List.of("int", "double").contains(feature.type())) {
        throw new InputException(at + "type must be int or double");
      }
      if (feature.windowDays() == null && !features.isEmpty() && features.get(features.size() - 1).windowDays() != null) {
        throw new InputException(at + "window_days: demographic features (no window) must come first");
      }
      features.add(feature);
    }
    if (manifest.path("feature_count").asInt(-1) != features.size()) {
      throw new InputException(featureManifest + ": field feature_count is not the number of features listed");
    }
    return new FittedTransform(spec, List.copyOf(features));
  }

  private static String text(JsonNode f, String field, String at) {
    JsonNode v = f.path(field);
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new InputException(at + field + " must be a non-empty string");
    }
    return v.asText();
  }

  /**
   * The examples to score: every index event of the task that its exclusions keep. Incomplete follow-up
   * is not applied: it only keeps unknown labels out of training, and new data has no follow-up yet.
   * Columns as {@link CohortTransform#candidates}, without {@code exclusion}.
   */
  public Dataset<Row> examples(FeatureInputs in) {
    Dataset<Row> candidates = CohortTransform.candidates(spec, in);
    return candidates
        .where(col("exclusion").isNull().or(col("exclusion").equalTo(CohortTransform.INCOMPLETE_FOLLOW_UP)))
        .drop("exclusion");
  }

  /**
   * The model's input lines for {@code examples}, {@code row_id,f1,...,fn} as the features job writes its
   * batch-transform channel (same formatting, so the model reads the same floats).
   */
  public Dataset<String> transformLines(FeatureInputs in, Dataset<Row> examples) {
    Dataset<Row> aggregates = WindowedAggregation.aggregate(spec, EventsTransform.events(spec, in), examples);
    FeatureMatrix.Result m = FeatureMatrix.apply(spec, features, examples, aggregates, List.of("row_id", "label"));
    return m.vectors().mapPartitions(new CsvLines(features, m.fixedFeatures(), true), Encoders.STRING());
  }
}
