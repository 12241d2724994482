package io.clinicalpipeline.launch.graph;

import io.clinicalpipeline.launch.config.PipelineConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline as a graph in code, built from one {@link PipelineConfig}; the SageMaker definition writer
 * and the local runner both render this same list of steps.
 *
 * <pre>
 * ingest ─┬─ quality-raw
 *         └─ deidentify ── quality-deid ── features ── quality-features ── train ── evaluate ── condition ── register
 * </pre>
 *
 * Quality steps gate what follows them: a quality job exits non-zero on an Error-level failure, which stops
 * the run before the next stage reads bad data.
 */
public final class PipelineGraph {

  public static final String INGEST = "ingest";
  public static final String QUALITY_RAW = "quality-raw";
  public static final String DEIDENTIFY = "deidentify";
  public static final String QUALITY_DEID = "quality-deid";
  public static final String FEATURES = "features";
  public static final String QUALITY_FEATURES = "quality-features";
  public static final String TRAIN = "train";
  public static final String EVALUATE = "evaluate";
  public static final String CONDITION = "condition";
  public static final String REGISTER = "register";

  /** Pipeline parameters of the register condition (defaults from the config's {@code evaluation} section). */
  public static final String MIN_AUC = "MinAuc";
  public static final String MIN_AUC_GAIN_LOWER_BOUND = "MinAucGainLowerBound";
  public static final String MIN_CALIBRATION_SLOPE = "MinCalibrationSlope";
  public static final String MAX_CALIBRATION_SLOPE = "MaxCalibrationSlope";

  /** Files a step reads as configuration (not data): the role names used with {@link Locator#file}. */
  public static final String TASK_FILE = "task";
  public static final String SUITE_FILE = "suite";
  public static final String HYPERPARAMETERS_FILE = "hyperparameters";
  public static final String KEY_FILE = "key";

  private final PipelineConfig config;
  private final Map<String, Step> steps;
  private final List<PipelineParameter> parameters;

  private PipelineGraph(PipelineConfig config, List<Step> steps, List<PipelineParameter> parameters) {
    this.config = config;
    Map<String, Step> byName = new LinkedHashMap<>();
    for (Step s : steps) {
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException("duplicate step " + s.name());
      }
    }
    this.steps = byName;
    this.parameters = List.copyOf(parameters);
    validate();
  }

  public static PipelineGraph of(PipelineConfig c) {
    Optional<String> suite = c.qualitySuite();
    List<Step> s = new ArrayList<>();
    s.add(
        new Step(INGEST, StepKind.JOB, "Read Synthea CSV or FHIR bulk NDJSON into the raw model",
            List.of(StepInput.of(Artifacts.SOURCE)), List.of(Artifacts.RAW), List.of(),
            l -> new IngestArgs(l.input(Artifacts.SOURCE), l.output(Artifacts.RAW), c.inputFormat())));
    s.add(
        new Step(QUALITY_RAW, StepKind.JOB, "Data quality checks on the raw tables",
            List.of(StepInput.of(Artifacts.RAW)), List.of(Artifacts.QUALITY_RAW), List.of(INGEST),
            l -> new QualityArgs("raw", l.input(Artifacts.RAW), l.output(Artifacts.QUALITY_RAW), Optional.empty(),
                l.qualityHistory(), l.file(SUITE_FILE, suite))));
    s.add(
        new Step(DEIDENTIFY, StepKind.JOB, "Pseudonymise ids, shift or truncate dates, scrub notes",
            List.of(StepInput.of(Artifacts.RAW)), List.of(Artifacts.DEID), List.of(INGEST),
            l -> new DeidentifyArgs(l.input(Artifacts.RAW), l.output(Artifacts.DEID), c.deid().datePolicy(),
                l.demoKey() ? Optional.empty() : l.file(KEY_FILE, c.deid().keyFile()), Optional.empty(),
                l.demoKey())));
    s.add(
        new Step(QUALITY_DEID, StepKind.JOB, "Quality checks and PHI leak scan on the de-identified tables",
            List.of(StepInput.of(Artifacts.DEID), StepInput.of(Artifacts.RAW)), List.of(Artifacts.QUALITY_DEID),
            List.of(DEIDENTIFY),
            l -> new QualityArgs("deid", l.input(Artifacts.DEID), l.output(Artifacts.QUALITY_DEID),
                Optional.of(l.input(Artifacts.RAW)), l.qualityHistory(), l.file(SUITE_FILE, suite))));
    s.add(
        new Step(FEATURES, StepKind.JOB, "Build labelled examples and the train/validation/test channels",
            List.of(StepInput.of(Artifacts.DEID)), List.of(Artifacts.FEATURES), List.of(QUALITY_DEID),
            l -> new FeaturesArgs(l.input(Artifacts.DEID), l.output(Artifacts.FEATURES),
                l.file(TASK_FILE, c.taskSpec()))));
    s.add(
        new Step(QUALITY_FEATURES, StepKind.JOB, "Quality checks and the data-quality baseline of the features",
            List.of(StepInput.of(Artifacts.FEATURES)), List.of(Artifacts.QUALITY_FEATURES), List.of(FEATURES),
            l -> new QualityArgs("features", l.input(Artifacts.FEATURES), l.output(Artifacts.QUALITY_FEATURES),
                Optional.empty(), l.qualityHistory(), l.file(SUITE_FILE, suite))));
    s.add(
        new Step(TRAIN, StepKind.TRAIN, "Train XGBoost and score the test channel",
            List.of(StepInput.of(Artifacts.FEATURES)), List.of(Artifacts.MODEL, Artifacts.PREDICTIONS),
            List.of(QUALITY_FEATURES),
            l -> new TrainArgs(l.input(Artifacts.FEATURES), l.output(Artifacts.MODEL),
                l.file(HYPERPARAMETERS_FILE, c.hyperparametersFile()))));
    s.add(
        new Step(EVALUATE, StepKind.JOB, "Model quality metrics of the test predictions",
            List.of(StepInput.of(Artifacts.PREDICTIONS), new StepInput("examples", Artifacts.FEATURES, "examples")),
            List.of(Artifacts.EVALUATION), List.of(TRAIN),
            l -> new EvaluateArgs(l.input(Artifacts.PREDICTIONS), l.input("examples"), l.output(Artifacts.EVALUATION))));
    s.add(
        new Step(CONDITION, StepKind.CONDITION,
            "AUC at least the minimum, beats the baseline, calibration slope in range, no Error-level quality failure",
            List.of(StepInput.of(Artifacts.EVALUATION), StepInput.of(Artifacts.QUALITY_FEATURES)), List.of(),
            List.of(EVALUATE), null));
    s.add(
        new Step(REGISTER, StepKind.REGISTER, "Register the model with its metrics and lineage",
            List.of(StepInput.of(Artifacts.MODEL), StepInput.of(Artifacts.EVALUATION),
                StepInput.of(Artifacts.QUALITY_FEATURES), StepInput.of(Artifacts.FEATURES)),
            List.of(Artifacts.REGISTRY), List.of(CONDITION), null));

    List<PipelineParameter> params = new ArrayList<>();
    c.sagemaker().ifPresent(sm -> {
      params.add(new PipelineParameter("InputDataUrl", PipelineParameter.Type.String, sm.input()));
      params.add(new PipelineParameter("ProcessingInstanceCount", PipelineParameter.Type.Integer,
          sm.processing().instanceCount()));
      params.add(new PipelineParameter("ModelApprovalStatus", PipelineParameter.Type.String, sm.approvalStatus()));
    });
    params.add(new PipelineParameter(MIN_AUC, PipelineParameter.Type.Float, c.minAuc()));
    params.add(new PipelineParameter(MIN_AUC_GAIN_LOWER_BOUND, PipelineParameter.Type.Float, c.minAucGainLowerBound()));
    params.add(new PipelineParameter(MIN_CALIBRATION_SLOPE, PipelineParameter.Type.Float, c.minCalibrationSlope()));
    params.add(new PipelineParameter(MAX_CALIBRATION_SLOPE, PipelineParameter.Type.Float, c.maxCalibrationSlope()));
    return new PipelineGraph(c, s, params);
  }

  public PipelineConfig config() {
    return config;
  }

  /** Every step, dependencies before dependants. */
  public List<Step> steps() {
    return List.copyOf(steps.values());
  }

  public Step step(String name) {
    Step s = steps.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no step named " + name + " (steps: " + String.join(", ", steps.keySet()) + ")");
    }
    return s;
  }

  public List<PipelineParameter> parameters() {
    return parameters;
  }

  public PipelineParameter parameter(String name) {
    return parameters.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
  }

  /** The step that writes {@code artifact}, or empty for the pipeline's own input. */
  public Optional<Step> producer(String artifact) {
    return steps.values().stream().filter(s -> s.outputs().contains(artifact)).findFirst();
  }

  /** {@code name} and every step that depends on it, directly or not, in graph order. */
  public List<String> downstream(String name) {
    Set<String> hit = new LinkedHashSet<>();
    hit.add(step(name).name());
    for (Step s : steps.values()) {
      if (s.dependsOn().stream().anyMatch(hit::contains)) {
        hit.add(s.name());
      }
    }
    return List.copyOf(hit);
  }

  private void validate() {
    Set<String> seen = new LinkedHashSet<>();
    for (Step s : steps.values()) {
      for (String d : s.dependsOn()) {
        if (!steps.containsKey(d)) {
          throw new IllegalStateException("step " + s.name() + " depends on unknown step " + d);
        }
        if (!seen.contains(d)) {
          throw new IllegalStateException("step " + s.name() + " is listed before its dependency " + d);
        }
      }
      for (StepInput in : s.inputs()) {
        if (in.artifact().equals(Artifacts.SOURCE)) {
          continue;
        }
        Step producer = producer(in.artifact())
            .orElseThrow(() -> new IllegalStateException("no step writes " + in.artifact() + " for " + s.name()));
        if (!upstream(s).contains(producer.name())) {
          throw new IllegalStateException(
              "step " + s.name() + " reads " + in.artifact() + " but does not depend on " + producer.name());
        }
      }
      seen.add(s.name());
    }
  }

  /** Every step {@code s} waits for, directly or not. */
  public Set<String> upstream(Step s) {
    Set<String> out = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(s.dependsOn());
    while (!todo.isEmpty()) {
      String d = todo.pop();
      if (out.add(d)) {
        todo.addAll(steps.get(d).dependsOn());
      }
    }
    return out;
  }
}
