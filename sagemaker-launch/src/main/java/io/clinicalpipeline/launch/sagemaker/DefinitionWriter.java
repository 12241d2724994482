package io.clinicalpipeline.launch.sagemaker;

import static io.clinicalpipeline.launch.sagemaker.Expr.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.quality.QualityStatus;
import io.clinicalpipeline.launch.config.ConfigException;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.JobArgs;
import io.clinicalpipeline.launch.graph.Locator;
import io.clinicalpipeline.launch.graph.ModelGate;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.PipelineParameter;
import io.clinicalpipeline.launch.graph.Step;
import io.clinicalpipeline.launch.graph.StepInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link PipelineGraph} as a SageMaker pipeline definition (Version 2020-12-01), the way the
 * SageMaker Python SDK's SparkJarProcessor, Estimator, Transformer and RegisterModel would, with the
 * security settings on by default.
 *
 * <ul>
 *   <li>Each job is a ProcessingStep on the pinned Spark image: {@code smspark-submit --class <main>
 *       --local-spark-event-logs-dir ... /opt/ml/processing/input/code/clinical-pipeline-jobs.jar}, the jar
 *       as input {@code code} under a key holding its SHA-256 (a rebuilt jar never hits a stale cache),
 *       Spark settings as input {@code conf}, the event log as output {@value #SPARK_EVENTS}.
 *       Argument items are paths and words only; files (task spec, suite, key) arrive as inputs.
 *   <li>{@code train} becomes a GPU TrainingStep (built-in XGBoost, managed spot, checkpoints), a Model
 *       step and a batch TransformStep that scores the test channel into {@code predictions/model}
 *       ({@link ModelSteps}); {@code evaluate} fits the baseline itself from the examples table.
 *   <li>{@code condition} reads {@code binary_classification_metrics.auc.value} from the evaluation
 *       PropertyFile and the feature quality status; it registers the model or fails the run.
 * </ul>
 */
public final class DefinitionWriter {

  public static final String VERSION = "2020-12-01";
  /** SageMaker's limit on each ContainerEntrypoint and ContainerArguments item. */
  public static final int MAX_ARGUMENT_LENGTH = 256;
  public static final String PROCESSING_INPUT = "/opt/ml/processing/input";
  public static final String PROCESSING_OUTPUT = "/opt/ml/processing/output";
  public static final String EVALUATION_REPORT = "EvaluationReport";
  public static final String QUALITY_REPORT = "QualityFeaturesReport";
  public static final String AUC_PATH = ModelGate.AUC_PATH;
  /** Where the quality job's report.json states the checkpoint's verdict, a {@link QualityStatus} label. */
  public static final String QUALITY_STATUS_PATH = "status";
  public static final String MODEL_STEP = "CreateModel";
  public static final String TRANSFORM_STEP = "ScoreTest";
  public static final String REGISTER_STEP = "RegisterModel";
  public static final String FAIL_STEP = "ModelGateFailed";
  /** Each Spark step's event log: written there by Spark, uploaded continuously as output {@value #SPARK_EVENTS}. */
  public static final String SPARK_EVENTS = "spark-events";
  public static final String SPARK_EVENTS_DIR = "/opt/ml/processing/spark-events";


  private final PipelineGraph graph;
  private final PipelineConfig config;
  private final SageMaker sm;
  private final String jarSha256;
  private final Path jarFile;
  private final List<Upload> uploads = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final StepParts parts;
  private final ModelSteps models;

  private DefinitionWriter(PipelineGraph graph, Path jarFile, String jarSha256) {
    this.graph = graph;
    this.config = graph.config();
    this.sm = config.requireSageMaker();
    this.jarFile = jarFile;
    this.jarSha256 = jarSha256;
    this.parts = new StepParts(graph, sm);
    this.models = new ModelSteps(graph, parts, jarSha256);
  }

  /** Refuses a configuration without a KMS key unless {@code allowUnencrypted} says so explicitly. */
  public static Definition write(PipelineGraph graph, Path jarFile, boolean allowUnencrypted) {
    SageMaker sm = graph.config().requireSageMaker();
    if (sm.kmsKeyId().isEmpty() && !allowUnencrypted) {
      throw new ConfigException(
          "sagemaker.kms-key-id is not set: outputs and volumes would be unencrypted"
              + " (set it, or pass --allow-unencrypted to accept that)");
    }
    String digest = sm.customImageUri().isPresent() ? "baked-into-image" : sha256(jarFile);
    return new DefinitionWriter(graph, jarFile, digest).render();
  }

  static String sha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new ConfigException("cannot read the jobs jar " + file + " (build it with mvn -pl jobs -am package)");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Definition render() {
    if (sm.kmsKeyId().isEmpty()) {
      warnings.add("no KMS key: outputs and volumes use SageMaker's default encryption (--allow-unencrypted)");
    }
    if (sm.subnets().isEmpty()) {
      warnings.add("no VPC: jobs run without sagemaker.network subnets and security groups");
    }
    ObjectNode root = F.objectNode();
    root.put("Version", VERSION);
    root.putObject("Metadata");
    ArrayNode params = root.putArray("Parameters");
    for (PipelineParameter p : graph.parameters()) {
      ObjectNode n = params.addObject().put("Name", p.name()).put("Type", p.type().name());
      switch (p.type()) {
        case String -> n.put("DefaultValue", (String) p.defaultValue());
        case Integer -> n.put("DefaultValue", (Integer) p.defaultValue());
        case Float -> n.put("DefaultValue", (Double) p.defaultValue());
        case Boolean -> n.put("DefaultValue", (Boolean) p.defaultValue());
      }
    }
    ObjectNode exp = root.putObject("PipelineExperimentConfig");
    exp.set("ExperimentName", Expr.get("Execution.PipelineName"));
    exp.set("TrialName", Expr.get(Expr.EXECUTION_ID));
    ArrayNode steps = root.putArray("Steps");
    byte[] sparkConf = sparkConfiguration();
    String confSha = Manifest.sha256(new String(sparkConf, StandardCharsets.UTF_8));
    String confUri = sm.artifacts() + "/conf/" + confSha + "/configuration.json";
    uploads.add(Upload.ofBytes(confUri, sparkConf, confSha));
    if (sm.customImageUri().isEmpty()) {
      uploads.add(Upload.ofFile(jarUri(), jarFile, jarSha256));
    }
    for (Step s : graph.steps()) {
      switch (s.kind()) {
        case JOB -> steps.add(processing(s, confUri));
        case TRAIN -> {
          steps.add(models.training(s));
          steps.add(models.model(s));
          steps.add(models.transform(s));
        }
        case CONDITION -> steps.add(condition(s));
        case REGISTER -> { } // rendered inside the condition's IfSteps
      }
    }
    return new Definition(config.name(), root, List.copyOf(uploads), List.copyOf(warnings));
  }

  public String jarUri() {
    return sm.artifacts() + "/jars/" + jarSha256 + "/" + ContainerImages.JAR_NAME;
  }

  private String jarPath() {
    return sm.customImageUri().isPresent() ? ContainerImages.BAKED_JAR : ContainerImages.CODE_DIR + "/" + ContainerImages.JAR_NAME;
  }

  private byte[] sparkConfiguration() {
    ArrayNode conf = F.arrayNode();
    ObjectNode defaults = conf.addObject().put("Classification", "spark-defaults");
    ObjectNode p = defaults.putObject("Properties");
    p.put("spark.sql.session.timeZone", "UTC");
    p.put("spark.driver.extraJavaOptions", "-Duser.timezone=UTC");
    p.put("spark.executor.extraJavaOptions", "-Duser.timezone=UTC");
    p.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    // Event logs for the Spark history server; smspark-submit's --local-spark-event-logs-dir also copies
    // them there, and the processing output uploads the folder while the job runs (failures included).
    p.put("spark.eventLog.enabled", "true");
    p.put("spark.eventLog.dir", "file://" + SPARK_EVENTS_DIR);
    return (conf.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  // ---- steps

  /** Resolves job paths to container paths and collects the configuration files each step needs. */
  private final class ContainerLocator implements Locator {
    final Map<String, ObjectNode> fileInputs = new LinkedHashMap<>();

    @Override
    public String input(String name) {
      return PROCESSING_INPUT + "/" + name;
    }

    @Override
    public String output(String artifact) {
      return PROCESSING_OUTPUT + "/" + artifact;
    }

    @Override
    public Optional<String> file(String role, Optional<String> localPath) {
      if (role.equals(PipelineGraph.KEY_FILE)) {
        String uri = config.deid().keyS3Uri().orElseThrow(() -> new ConfigException(
            "deid.key-s3-uri is required on SageMaker: the pseudonym key as a KMS-encrypted S3 object"));
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        fileInputs.put(role, processingInput(role, F.textNode(uri), PROCESSING_INPUT + "/" + role));
        return Optional.of(PROCESSING_INPUT + "/" + role + "/" + name);
      }
      if (localPath.isEmpty()) {
        return Optional.empty();
      }
      Path file = Path.of(localPath.get());
      String sha = sha256(file);
      String name = file.getFileName().toString();
      String uri = sm.artifacts() + "/files/" + sha + "/" + name;
      if (uploads.stream().noneMatch(u -> u.s3Uri().equals(uri))) {
        uploads.add(Upload.ofFile(uri, file, sha));
      }
      fileInputs.put(role, processingInput(role, F.textNode(uri), PROCESSING_INPUT + "/" + role));
      return Optional.of(PROCESSING_INPUT + "/" + role + "/" + name);
    }

    @Override
    public Optional<String> qualityHistory() {
      return Optional.empty();
    }

    @Override
    public boolean demoKey() {
      return false;
    }
  }

  private ObjectNode processing(Step s, String confUri) {
    ContainerLocator loc = new ContainerLocator();
    JobArgs args = s.jobArgs(loc).orElseThrow();
    ObjectNode step = parts.stepNode(s.sageMakerName(), "Processing", s);
    ObjectNode a = step.putObject("Arguments");
    ObjectNode cluster = a.putObject("ProcessingResources").putObject("ClusterConfig");
    cluster.put("InstanceType", sm.processing().instanceType());
    cluster.set("InstanceCount", Expr.get(graph.parameter("ProcessingInstanceCount").reference()));
    cluster.put("VolumeSizeInGB", sm.processing().volumeSizeGb());
    parts.volumeKey(cluster, sm.processing().instanceType());
    ObjectNode app = a.putObject("AppSpecification");
    app.put("ImageUri", sm.customImageUri().orElse(ContainerImages.sparkProcessing(sm.region())));
    ArrayNode entry = app.putArray("ContainerEntrypoint");
    entry.add(ContainerImages.SPARK_SUBMIT).add("--class").add(args.mainClass())
        .add("--local-spark-event-logs-dir").add(SPARK_EVENTS_DIR + "/").add(jarPath());
    ArrayNode cargs = app.putArray("ContainerArguments");
    for (String item : args.toArgs()) {
      if (item.length() > MAX_ARGUMENT_LENGTH) {
        throw new ConfigException("step " + s.name() + ": an argument is longer than " + MAX_ARGUMENT_LENGTH
            + " characters, which SageMaker rejects; pass it as a file");
      }
      cargs.add(item);
    }
    a.put("RoleArn", sm.roleArn());
    ArrayNode inputs = a.putArray("ProcessingInputs");
    for (StepInput in : s.inputs()) {
      inputs.add(processingInput(in.name(), dataUri(in), PROCESSING_INPUT + "/" + in.name() + localSuffix(in)));
    }
    loc.fileInputs.values().forEach(inputs::add);
    inputs.add(processingInput("conf", F.textNode(confUri), ContainerImages.CONF_DIR));
    if (sm.customImageUri().isEmpty()) {
      inputs.add(processingInput("code", F.textNode(jarUri()), ContainerImages.CODE_DIR));
    }
    ObjectNode outCfg = a.putObject("ProcessingOutputConfig");
    ArrayNode outs = outCfg.putArray("Outputs");
    for (String artifact : s.outputs()) {
      ObjectNode o = outs.addObject().put("OutputName", artifact).put("AppManaged", false);
      ObjectNode s3 = o.putObject("S3Output");
      s3.set("S3Uri", outputUri(artifact));
      s3.put("LocalPath", loc.output(artifact));
      s3.put("S3UploadMode", "EndOfJob");
    }
    ObjectNode events = outs.addObject().put("OutputName", SPARK_EVENTS).put("AppManaged", false).putObject("S3Output");
    events.set("S3Uri", Expr.join("/", sm.output(), Expr.get(Expr.EXECUTION_ID), SPARK_EVENTS, s.name()));
    events.put("LocalPath", SPARK_EVENTS_DIR);
    events.put("S3UploadMode", "Continuous");
    sm.kmsKeyId().ifPresent(k -> outCfg.put("KmsKeyId", k));
    ObjectNode net = a.putObject("NetworkConfig");
    // Inputs arrive under /opt/ml/processing/input and outputs leave from /opt/ml/processing/output:
    // the job itself needs no network.
    net.put("EnableNetworkIsolation", true);
    net.put("EnableInterContainerTrafficEncryption", true);
    parts.vpc(net);
    a.putObject("StoppingCondition").put("MaxRuntimeInSeconds", sm.processing().maxRuntimeSeconds());
    parts.finish(step, a);
    if (s.name().equals(PipelineGraph.EVALUATE)) {
      step.putArray("PropertyFiles").addObject()
          .put("PropertyFileName", EVALUATION_REPORT)
          .put("OutputName", Artifacts.EVALUATION)
          .put("FilePath", "evaluation.json");
    } else if (s.name().equals(PipelineGraph.QUALITY_FEATURES)) {
      step.putArray("PropertyFiles").addObject()
          .put("PropertyFileName", QUALITY_REPORT)
          .put("OutputName", Artifacts.QUALITY_FEATURES)
          .put("FilePath", "report.json");
    }
    return step;
  }

  /** Predictions land in {@code predictions/model} as the evaluate job expects; other inputs are whole. */
  private static String localSuffix(StepInput in) {
    return in.artifact().equals(Artifacts.PREDICTIONS) ? "/model" : "";
  }

  /**
   * The register condition, as {@link ModelGate} states it and the local condition step applies it, plus
   * the feature quality status; the else branch is a Fail step whose message gives the thresholds.
   */
  private ObjectNode condition(Step s) {
    ObjectNode step = F.objectNode().put("Name", "CheckQualityAndAuc").put("Type", "Condition");
    step.put("Description", s.description());
    ObjectNode a = step.putObject("Arguments");
    ArrayNode conds = a.putArray("Conditions");
    String evaluate = graph.step(PipelineGraph.EVALUATE).sageMakerName();
    compare(conds, "GreaterThanOrEqualTo", evaluate, ModelGate.AUC_PATH, PipelineGraph.MIN_AUC);
    ObjectNode quality = conds.addObject().put("Type", "In");
    quality.set("QueryValue",
        Expr.jsonGet(graph.step(PipelineGraph.QUALITY_FEATURES).sageMakerName(), QUALITY_REPORT, QUALITY_STATUS_PATH));
    ArrayNode passing = quality.putArray("Values");
    QualityStatus.gateLabels().forEach(passing::add);
    compare(conds, "GreaterThan", evaluate, ModelGate.AUC_GAIN_LOWER_PATH, PipelineGraph.MIN_AUC_GAIN_LOWER_BOUND);
    compare(conds, "GreaterThanOrEqualTo", evaluate, ModelGate.CALIBRATION_SLOPE_PATH, PipelineGraph.MIN_CALIBRATION_SLOPE);
    compare(conds, "LessThanOrEqualTo", evaluate, ModelGate.CALIBRATION_SLOPE_PATH, PipelineGraph.MAX_CALIBRATION_SLOPE);
    a.putArray("IfSteps").add(models.register(graph.step(PipelineGraph.REGISTER)));
    ObjectNode fail = F.objectNode().put("Name", FAIL_STEP).put("Type", "Fail");
    fail.putObject("Arguments").set("ErrorMessage",
        Expr.join(" ",
            "Model not registered: it needs evaluation AUC at least", param(PipelineGraph.MIN_AUC),
            "and the 95% lower bound of AUROC model - baseline above", param(PipelineGraph.MIN_AUC_GAIN_LOWER_BOUND),
            "and calibration slope from", param(PipelineGraph.MIN_CALIBRATION_SLOPE), "to",
            param(PipelineGraph.MAX_CALIBRATION_SLOPE), "(see evaluation.json) and a feature quality status other than",
            QualityStatus.FAILED.label()));
    a.putArray("ElseSteps").add(fail);
    return step;
  }

  /** A binary condition: {@code path} of the evaluation report compared with a pipeline parameter. */
  private void compare(ArrayNode conds, String type, String evaluateStep, String path, String parameter) {
    ObjectNode c = conds.addObject().put("Type", type);
    c.set("LeftValue", Expr.jsonGet(evaluateStep, EVALUATION_REPORT, path));
    c.set("RightValue", param(parameter));
  }

  private ObjectNode param(String name) {
    return Expr.get(graph.parameter(name).reference());
  }

  // ---- processing pieces

  private ObjectNode processingInput(String name, com.fasterxml.jackson.databind.JsonNode uri, String localPath) {
    ObjectNode in = F.objectNode().put("InputName", name).put("AppManaged", false);
    ObjectNode s3 = in.putObject("S3Input");
    s3.set("S3Uri", uri);
    s3.put("LocalPath", localPath);
    s3.put("S3DataType", "S3Prefix");
    s3.put("S3InputMode", "File");
    s3.put("S3DataDistributionType", "FullyReplicated");
    s3.put("S3CompressionType", "None");
    return in;
  }

  /** The S3 URI an input reads: the pipeline parameter for the source, else its producer's output. */
  private com.fasterxml.jackson.databind.JsonNode dataUri(StepInput in) {
    if (in.artifact().equals(Artifacts.SOURCE)) {
      return Expr.get(graph.parameter("InputDataUrl").reference());
    }
    ObjectNode base = parts.producedUri(in.artifact());
    return in.subpath().isEmpty() ? base : Expr.join("/", base, in.subpath());
  }

  private ObjectNode outputUri(String artifact) {
    return Expr.join("/", sm.output(), Expr.get(Expr.EXECUTION_ID), Artifacts.folder(artifact));
  }

}
