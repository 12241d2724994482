package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.jobs.score.ApprovalStatus;
import io.clinicalpipeline.jobs.score.ModelVersion;
import io.clinicalpipeline.jobs.train.TrainingContract;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.Step;
import io.clinicalpipeline.launch.registry.ModelRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The register step locally: a new version in the local model registry ({@link ModelRegistry}) under
 * {@code OUT/registry/<group>/<n>/}, holding what scoring needs (the model, the fitted feature transform:
 * {@code feature_manifest.json} and {@code task_spec.yaml}) and what review needs (evaluation, Model
 * Monitor statistics and constraints, lineage). The group is {@code sagemaker.register.model-package-group}
 * when set, else the pipeline's name; the first status {@code sagemaker.register.approval-status}, else
 * {@code PendingManualApproval}. The registry already committed is copied into staging first, so the
 * committed output is the old registry plus the new version (or unchanged, when the content is identical).
 */
final class RegistryStep extends GraphSteps.GraphStep {

  RegistryStep(PipelineGraph graph, Step step, Path root) {
    super(graph, step, root);
  }

  @Override
  public String configuration() {
    return "registry v2 group " + group(graph.config()) + " config " + graph.config().digest();
  }

  static String group(PipelineConfig config) {
    return config.sagemaker().map(PipelineConfig.SageMaker::modelPackageGroup).orElse(config.name());
  }

  static ApprovalStatus initialStatus(PipelineConfig config) {
    return ApprovalStatus.of(config.sagemaker().map(PipelineConfig.SageMaker::approvalStatus)
        .orElse(ApprovalStatus.PENDING_MANUAL_APPROVAL.label()));
  }

  @Override
  public long execute(Path staging) throws Exception {
    Path committed = root.resolve(Artifacts.folder(Artifacts.REGISTRY));
    Path registry = staging.resolve(Artifacts.folder(Artifacts.REGISTRY));
    copyTree(committed, registry);
    Path model = root.resolve(Artifacts.folder(Artifacts.MODEL)).resolve(TrainingContract.MODEL);
    Path features = root.resolve(Artifacts.folder(Artifacts.FEATURES));
    Path quality = root.resolve(Artifacts.folder(Artifacts.QUALITY_FEATURES));
    Map<String, Path> files = new LinkedHashMap<>();
    files.put(ModelVersion.MODEL,
        required(model.resolve(TrainingContract.MODEL_DIR).resolve(TrainingContract.MODEL_FILE)));
    optional(files, ModelVersion.TRAINING_SUMMARY, model.resolve(TrainingContract.OUTPUT_DATA).resolve("training-summary.json"));
    files.put(ModelVersion.FEATURE_MANIFEST, required(features.resolve(ModelVersion.FEATURE_MANIFEST)));
    files.put(ModelVersion.TASK_SPEC, required(features.resolve(ModelVersion.TASK_SPEC)));
    files.put(ModelVersion.EVALUATION,
        required(root.resolve(Artifacts.folder(Artifacts.EVALUATION)).resolve(ModelVersion.EVALUATION)));
    optional(files, ModelVersion.STATISTICS, quality.resolve(ModelVersion.STATISTICS));
    optional(files, ModelVersion.CONSTRAINTS, quality.resolve(ModelVersion.CONSTRAINTS));
    Path lineage = staging.resolve("lineage.json");
    Files.writeString(lineage, lineage(files), StandardCharsets.UTF_8);
    files.put(ModelVersion.LINEAGE, lineage);
    ModelRegistry.Registration r =
        new ModelRegistry(registry).register(group(graph.config()), files, initialStatus(graph.config()));
    Files.delete(lineage);
    return r.created() ? 1 : 0;
  }

  /** Digests of the inputs, the job jar, the task spec and the feature manifest; no times, so reruns match. */
  private String lineage(Map<String, Path> files) throws IOException {
    StringBuilder sb = new StringBuilder("{\n  \"pipeline-config-sha256\": \"" + graph.config().digest() + "\"");
    for (String artifact : List.of(Artifacts.RAW, Artifacts.DEID, Artifacts.FEATURES, Artifacts.MODEL,
        Artifacts.PREDICTIONS, Artifacts.EVALUATION)) {
      entry(sb, artifact, Digests.of(root.resolve(Artifacts.folder(artifact))));
    }
    entry(sb, "job-jar-sha256", JobJar.digest());
    entry(sb, "task-spec-sha256", Digests.content(files.get(ModelVersion.TASK_SPEC)));
    entry(sb, "feature-manifest-sha256", Digests.content(files.get(ModelVersion.FEATURE_MANIFEST)));
    entry(sb, "model-sha256", Digests.content(files.get(ModelVersion.MODEL)));
    return sb.append("\n}\n").toString();
  }

  private static void entry(StringBuilder sb, String key, String value) {
    sb.append(",\n  \"").append(key).append("\": \"").append(value).append('"');
  }

  private Path required(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new JobException("cannot register: " + root.relativize(file) + " is missing");
    }
    return file;
  }

  private static void optional(Map<String, Path> files, String name, Path file) {
    if (Files.isRegularFile(file)) {
      files.put(name, file);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
