package io.clinicalpipeline.jobs.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.JobRunner.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One registered model version as a folder ({@code OUT/registry/<group>/<version>/}): what the registry
 * writes and what {@link ScoreJob} reads. The files:
 *
 * <pre>
 * version.json           ModelPackageGroupName, ModelPackageVersion, ModelApprovalStatus, ContentSha256, metrics, history
 * model/xgboost-model    the booster (best iteration in its attributes)
 * feature_manifest.json  the fitted feature transform: every column with source, key, statistic, window, IDF
 * task_spec.yaml         the task spec the features were built with (cohort, windows, label)
 * evaluation.json, statistics.json, constraints.json, lineage.json
 * </pre>
 *
 * @param dir the version folder
 * @param group the model package group
 * @param version the version number, from 1
 * @param status its approval status
 */
public record ModelVersion(Path dir, String group, int version, ApprovalStatus status) {

  public static final String VERSION_JSON = "version.json";
  public static final String MODEL = "model/xgboost-model";
  public static final String TRAINING_SUMMARY = "model/training-summary.json";
  public static final String FEATURE_MANIFEST = "feature_manifest.json";
  public static final String TASK_SPEC = "task_spec.yaml";
  public static final String EVALUATION = "evaluation.json";
  public static final String STATISTICS = "statistics.json";
  public static final String CONSTRAINTS = "constraints.json";
  public static final String LINEAGE = "lineage.json";

  public static final String GROUP_FIELD = "ModelPackageGroupName";
  public static final String VERSION_FIELD = "ModelPackageVersion";
  public static final String STATUS_FIELD = "ModelApprovalStatus";

  /** Reads {@code dir/version.json}; errors name the file and the field, never a value. */
  public static ModelVersion read(Path dir) {
    Path file = dir.resolve(VERSION_JSON);
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": missing (not a registered model version)");
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": not valid JSON (" + e.getClass().getSimpleName() + ")");
    }
    JsonNode group = json.path(GROUP_FIELD);
    if (!group.isTextual() || group.asText().isBlank()) {
      throw new InputException(file + ": field " + GROUP_FIELD + " must be a non-empty string");
    }
    JsonNode version = json.path(VERSION_FIELD);
    if (!version.isInt() || version.asInt() < 1) {
      throw new InputException(file + ": field " + VERSION_FIELD + " must be a whole number from 1");
    }
    ApprovalStatus status;
    try {
      status = ApprovalStatus.of(json.path(STATUS_FIELD).asText());
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": field " + STATUS_FIELD + " is " + e.getMessage());
    }
    return new ModelVersion(dir, group.asText(), version.asInt(), status);
  }

  /** A file of this version that must exist. */
  public Path require(String relative) {
    Path p = dir.resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new InputException(p + ": missing from registered version " + group + "/" + version);
    }
    return p;
  }

  /** {@code group/version}, as the registry names it. */
  public String id() {
    return group + "/" + version;
  }
}
