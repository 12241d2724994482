package io.clinicalpipeline.launch.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.quality.QualityStatus;
import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.JobArgs;
import io.clinicalpipeline.launch.graph.ModelGate;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.QualityArgs;
import io.clinicalpipeline.launch.graph.Step;
import io.clinicalpipeline.launch.graph.StepInput;
import io.clinicalpipeline.launch.sagemaker.DefinitionWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline graph as local steps. How a graph step maps to what runs:
 *
 * <ul>
 *   <li>{@code JOB} and {@code TRAIN}: the step's {@link JobArgs} (typed options mirroring the job's
 *       {@code XOptions}) rendered with local paths, outputs pointed into the staging root, and passed to
 *       {@code <mainClass>.run(String[])} in this JVM ({@link JobInvoker}). Exit code 0 is success. A
 *       quality job's output is published whatever its exit code: its report explains a failed gate.
 *   <li>{@code CONDITION}: reads {@code evaluation/evaluation.json}
 *       ({@code binary_classification_metrics.auc.value} ≥ {@code evaluation.min-auc}) and the feature
 *       quality {@code report.json} status (one of {@link QualityStatus#gateLabels()}, as on SageMaker).
 *   <li>{@code REGISTER}: a new version in the local model registry, {@code OUT/registry/<group>/<n>/}
 *       ({@link RegistryStep}).
 * </ul>
 */
public final class GraphSteps {

  private GraphSteps() {}

  /** Runs a job main with arguments and returns its exit code; {@link JobInvoker#run} in production. */
  @FunctionalInterface
  public interface Launcher {
    int run(String mainClass, List<String> args) throws Exception;
  }

  public static List<LocalStep> of(PipelineGraph graph, Path source, Path root, boolean demoKey) {
    return of(graph, source, root, demoKey, JobInvoker::run);
  }

  public static List<LocalStep> of(PipelineGraph graph, Path source, Path root, boolean demoKey, Launcher launcher) {
    List<LocalStep> out = new ArrayList<>();
    for (Step s : graph.steps()) {
      out.add(switch (s.kind()) {
        case JOB, TRAIN -> new JobStep(graph, s, source, root, demoKey, launcher);
        case CONDITION -> new ConditionStep(graph, s, root);
        case REGISTER -> new RegistryStep(graph, s, root);
      });
    }
    return out;
  }

  /** What every graph step shares: its name, dependencies, outputs and artifact inputs. */
  abstract static class GraphStep implements LocalStep {
    final PipelineGraph graph;
    final Step step;
    final Path root;

    GraphStep(PipelineGraph graph, Step step, Path root) {
      this.graph = graph;
      this.step = step;
      this.root = root;
    }

    @Override
    public String name() {
      return step.name();
    }

    @Override
    public List<String> dependsOn() {
      return step.dependsOn();
    }

    @Override
    public List<String> outputs() {
      return step.outputs().stream().map(Artifacts::folder).toList();
    }

    /** The step's artifacts under the output root (a job step adds its source and files). */
    @Override
    public List<Path> inputs() {
      return artifactInputs(root);
    }

    List<Path> artifactInputs(Path source) {
      List<Path> in = new ArrayList<>();
      for (StepInput i : step.inputs()) {
        in.add(i.artifact().equals(Artifacts.SOURCE) ? source : root.resolve(Artifacts.folder(i.artifact())));
      }
      return in;
    }
  }

  private static final class JobStep extends GraphStep {
    private final Path source;
    private final boolean demoKey;
    private final Launcher launcher;

    JobStep(PipelineGraph graph, Step step, Path source, Path root, boolean demoKey, Launcher launcher) {
      super(graph, step, root);
      this.source = source.toAbsolutePath().normalize();
      this.demoKey = demoKey;
      this.launcher = launcher;
    }

    @Override
    public List<Path> inputs() {
      List<Path> in = artifactInputs(source);
      // Exactly the files this step's arguments name (task spec, suite, key...): their content is input too.
      LocalLocator recording = new LocalLocator(step, "SOURCE", "OUT", "OUT", demoKey);
      step.jobArgs(recording).orElseThrow();
      recording.filesUsed().forEach(f -> in.add(Path.of(f)));
      return in;
    }

    /** A quality job's report, published also when its gate fails. */
    @Override
    public Optional<String> report() {
      JobArgs a = step.jobArgs(new LocalLocator(step, "SOURCE", "OUT", "OUT", demoKey)).orElseThrow();
      return a.mainClass().equals(QualityArgs.MAIN) && outputs().size() == 1
          ? Optional.of(outputs().get(0) + "/" + QualityArgs.REPORT_HTML)
          : Optional.empty();
    }

    @Override
    public String configuration() {
      JobArgs a = step.jobArgs(new LocalLocator(step, "SOURCE", "OUT", "OUT", demoKey)).orElseThrow();
      return a.mainClass() + " " + String.join(" ", a.toArgs());
    }

    @Override
    public long execute(Path staging) throws Exception {
      JobArgs a = step.jobArgs(new LocalLocator(step, source.toString(), root.toString(), staging.toString(), demoKey))
          .orElseThrow();
      int code = launcher.run(a.mainClass(), a.toArgs());
      if (code != 0) {
        throw new JobException(a.mainClass().substring(a.mainClass().lastIndexOf('.') + 1) + " exited with code " + code);
      }
      return -1;
    }
  }

  private static final class ConditionStep extends GraphStep {
    ConditionStep(PipelineGraph graph, Step step, Path root) {
      super(graph, step, root);
    }

    @Override
    public String configuration() {
      return ModelGate.of(graph.config()).describe();
    }

    /**
     * A failed feature quality report fails the step; a model that misses the gate declines it
     * ({@link ConditionNotMet}): the model is reported, not registered, and the run succeeds.
     */
    @Override
    public long execute(Path staging) throws Exception {
      ObjectMapper json = new ObjectMapper();
      Path report = root.resolve(Artifacts.folder(Artifacts.QUALITY_FEATURES)).resolve("report.json");
      if (Files.isRegularFile(report)) {
        JsonNode status = at(json.readTree(report.toFile()), DefinitionWriter.QUALITY_STATUS_PATH);
        // The same test as the definition's condition: the status must be one of the gate's labels.
        if (!QualityStatus.gateLabels().contains(status.asText())) {
          throw new JobException("the feature quality report's status is not one of " + QualityStatus.gateLabels());
        }
      }
      Path evaluation = root.resolve(Artifacts.folder(Artifacts.EVALUATION)).resolve("evaluation.json");
      Optional<String> refusal = ModelGate.of(graph.config()).refusal(json.readTree(evaluation.toFile()));
      if (refusal.isPresent()) {
        throw new ConditionNotMet(refusal.get());
      }
      return 0;
    }

    private static JsonNode at(JsonNode node, String dotted) {
      for (String part : dotted.split("\\.")) {
        node = node.path(part);
      }
      return node;
    }
  }
}
