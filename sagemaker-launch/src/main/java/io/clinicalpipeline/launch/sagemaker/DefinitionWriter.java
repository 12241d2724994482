package io.clinicalpipeline.launch.sagemaker;

import static io.clinicalpipeline.launch.sagemaker.Expr.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.launch.config.ConfigException;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.JobArgs;
import io.clinicalpipeline.launch.graph.Locator;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.PipelineParameter;
import io.clinicalpipeline.launch.graph.Step;
import io.clinicalpipeline.launch.graph.StepInput;
import io.clinicalpipeline.launch.graph.StepKind;
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
 *       /opt/ml/processing/input/code/clinical-pipeline-jobs.jar}, the jar as input {@code code} under a key
 *       holding its SHA-256 (a rebuilt jar never hits a stale cache), Spark settings as input {@code conf}.
 *       Argument items are paths and words only; files (task spec, suite, key) arrive as inputs.
 *   <li>{@code train} becomes a GPU TrainingStep (built-in XGBoost, managed spot, checkpoints), a Model
 *       step and a batch TransformStep that scores the test channel into {@code predictions/model}.
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
  public static final String AUC_PATH = "binary_classification_metrics.auc.value";
  /** Where the quality job's report.json states the checkpoint's outcome: Success, Warning or Error. */
  public static final String QUALITY_STATUS_PATH = "status";
  public static final String MODEL_STEP = "CreateModel";
  public static final String TRANSFORM_STEP = "ScoreTest";
  public static final String REGISTER_STEP = "RegisterModel";
  public static final String FAIL_STEP = "ModelGateFailed";

  /**
   * The training step's hyperparameters before the config's own: the same file the local trainer uses
   * (one contract for both sides), with {@code tree_method gpu_hist} on GPU instances.
   */
  static final Map<String, String> DEFAULT_HYPERPARAMETERS =
      io.clinicalpipeline.jobs.train.Hyperparameters.parse(
              io.clinicalpipeline.jobs.train.TrainingContract.defaultHyperparameters())
          .values();

  private final PipelineGraph graph;
  private final PipelineConfig config;
  private final SageMaker sm;
  private final String jarSha256;
  private final Path jarFile;
  private final List<Upload> uploads = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private DefinitionWriter(PipelineGraph graph, Path jarFile, String jarSha256) {
    this.graph = graph;
    this.config = graph.config();
    this.sm = config.requireSageMaker();
    this.jarFile = jarFile;
    this.jarSha256 = jarSha256;
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
          steps.add(training(s));
          steps.add(model(s));
          steps.add(transform(s));
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
    ObjectNode step = stepNode(s.sageMakerName(), "Processing", s);
    ObjectNode a = step.putObject("Arguments");
    ObjectNode cluster = a.putObject("ProcessingResources").putObject("ClusterConfig");
    cluster.put("InstanceType", sm.processing().instanceType());
    cluster.set("InstanceCount", Expr.get(graph.parameter("ProcessingInstanceCount").reference()));
    cluster.put("VolumeSizeInGB", sm.processing().volumeSizeGb());
    volumeKey(cluster, sm.processing().instanceType());
    ObjectNode app = a.putObject("AppSpecification");
    app.put("ImageUri", sm.customImageUri().orElse(ContainerImages.sparkProcessing(sm.region())));
    ArrayNode entry = app.putArray("ContainerEntrypoint");
    entry.add(ContainerImages.SPARK_SUBMIT).add("--class").add(args.mainClass()).add(jarPath());
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
    sm.kmsKeyId().ifPresent(k -> outCfg.put("KmsKeyId", k));
    ObjectNode net = a.putObject("NetworkConfig");
    // Inputs arrive under /opt/ml/processing/input and outputs leave from /opt/ml/processing/output:
    // the job itself needs no network.
    net.put("EnableNetworkIsolation", true);
    net.put("EnableInterContainerTrafficEncryption", true);
    vpc(net);
    a.putObject("StoppingCondition").put("MaxRuntimeInSeconds", sm.processing().maxRuntimeSeconds());
    tags(a);
    retries(step);
    cache(step);
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

  private ObjectNode training(Step s) {
    ObjectNode step = stepNode("Train", "Training", s);
    ObjectNode a = step.putObject("Arguments");
    ObjectNode algo = a.putObject("AlgorithmSpecification");
    algo.put("TrainingImage", xgboostImage());
    algo.put("TrainingInputMode", "File");
    ObjectNode hp = a.putObject("HyperParameters");
    Map<String, String> merged = new java.util.TreeMap<>(DEFAULT_HYPERPARAMETERS);
    merged.put("tree_method", InstanceTypes.isGpu(sm.training().instanceType()) ? "gpu_hist" : "hist");
    merged.putAll(sm.training().hyperparameters());
    merged.forEach(hp::put);
    ArrayNode channels = a.putArray("InputDataConfig");
    for (String ch : List.of("train", "validation")) {
      ObjectNode c = channels.addObject();
      c.put("ChannelName", ch);
      ObjectNode ds = c.putObject("DataSource").putObject("S3DataSource");
      ds.put("S3DataType", "S3Prefix");
      ds.set("S3Uri", Expr.join("/", producedUri(Artifacts.FEATURES), ch));
      ds.put("S3DataDistributionType", "FullyReplicated");
      c.put("ContentType", "text/csv");
      c.put("InputMode", "File");
    }
    ObjectNode out = a.putObject("OutputDataConfig");
    out.set("S3OutputPath", Expr.join("/", sm.output(), Expr.get(Expr.EXECUTION_ID), Artifacts.folder(Artifacts.MODEL)));
    sm.kmsKeyId().ifPresent(k -> out.put("KmsKeyId", k));
    ObjectNode res = a.putObject("ResourceConfig");
    res.put("InstanceType", sm.training().instanceType());
    res.put("InstanceCount", 1);
    res.put("VolumeSizeInGB", sm.training().volumeSizeGb());
    volumeKey(res, sm.training().instanceType());
    ObjectNode stop = a.putObject("StoppingCondition");
    stop.put("MaxRuntimeInSeconds", sm.training().maxRuntimeSeconds());
    if (sm.training().spot()) {
      stop.put("MaxWaitTimeInSeconds", sm.training().maxWaitSeconds());
    }
    a.put("RoleArn", sm.roleArn());
    if (!sm.subnets().isEmpty()) {
      vpcConfig(a.putObject("VpcConfig"));
    }
    a.put("EnableNetworkIsolation", true);
    a.put("EnableInterContainerTrafficEncryption", true);
    a.put("EnableManagedSpotTraining", sm.training().spot());
    if (sm.training().spot()) {
      // Beside the features this model learns from: unique per features output, stable on a cache hit,
      // so a resumed spot job finds its own checkpoints and a new data set never inherits old ones.
      ObjectNode cp = a.putObject("CheckpointConfig");
      cp.set("S3Uri", Expr.join("", producedUri(Artifacts.FEATURES), "-checkpoints"));
      cp.put("LocalPath", "/opt/ml/checkpoints");
    }
    tags(a);
    retries(step);
    cache(step);
    return step;
  }

  private ObjectNode model(Step s) {
    ObjectNode step = F.objectNode().put("Name", MODEL_STEP).put("Type", "Model");
    step.putArray("DependsOn").add("Train");
    ObjectNode a = step.putObject("Arguments");
    a.put("ExecutionRoleArn", sm.roleArn());
    ObjectNode c = a.putObject("PrimaryContainer");
    c.put("Image", xgboostImage());
    c.set("ModelDataUrl", Expr.get("Steps.Train.ModelArtifacts.S3ModelArtifacts"));
    if (!sm.subnets().isEmpty()) {
      vpcConfig(a.putObject("VpcConfig"));
    }
    a.put("EnableNetworkIsolation", true);
    tags(a);
    return step;
  }

  private ObjectNode transform(Step s) {
    ObjectNode step = F.objectNode().put("Name", TRANSFORM_STEP).put("Type", "Transform");
    step.put("Description", "Score the test channel; rows keep their row_id (JoinSource Input)");
    step.putArray("DependsOn").add(MODEL_STEP);
    ObjectNode a = step.putObject("Arguments");
    a.set("ModelName", Expr.get("Steps." + MODEL_STEP + ".ModelName"));
    ObjectNode in = a.putObject("TransformInput");
    ObjectNode ds = in.putObject("DataSource").putObject("S3DataSource");
    ds.put("S3DataType", "S3Prefix");
    ds.set("S3Uri", Expr.join("/", producedUri(Artifacts.FEATURES), "transform", "test"));
    in.put("ContentType", "text/csv");
    in.put("SplitType", "Line");
    ObjectNode out = a.putObject("TransformOutput");
    out.set("S3OutputPath", Expr.join("/", sm.output(), Expr.get(Expr.EXECUTION_ID), Artifacts.folder(Artifacts.PREDICTIONS), "model"));
    out.put("Accept", "text/csv");
    out.put("AssembleWith", "Line");
    sm.kmsKeyId().ifPresent(k -> out.put("KmsKeyId", k));
    ObjectNode res = a.putObject("TransformResources");
    res.put("InstanceType", sm.transformInstanceType());
    res.put("InstanceCount", 1);
    volumeKey(res, sm.transformInstanceType());
    ObjectNode dp = a.putObject("DataProcessing");
    dp.put("InputFilter", "$[1:]");
    dp.put("JoinSource", "Input");
    dp.put("OutputFilter", "$[0,-1]");
    tags(a);
    retries(step);
    cache(step);
    return step;
  }

  private ObjectNode condition(Step s) {
    ObjectNode step = F.objectNode().put("Name", "CheckQualityAndAuc").put("Type", "Condition");
    step.put("Description", s.description());
    ObjectNode a = step.putObject("Arguments");
    ArrayNode conds = a.putArray("Conditions");
    ObjectNode auc = conds.addObject().put("Type", "GreaterThanOrEqualTo");
    auc.set("LeftValue", Expr.jsonGet(graph.step(PipelineGraph.EVALUATE).sageMakerName(), EVALUATION_REPORT, AUC_PATH));
    auc.set("RightValue", Expr.get(graph.parameter("MinAuc").reference()));
    ObjectNode quality = conds.addObject().put("Type", "In");
    quality.set("QueryValue",
        Expr.jsonGet(graph.step(PipelineGraph.QUALITY_FEATURES).sageMakerName(), QUALITY_REPORT, QUALITY_STATUS_PATH));
    quality.putArray("Values").add("Success").add("Warning");
    a.putArray("IfSteps").add(register(graph.step(PipelineGraph.REGISTER)));
    ObjectNode fail = F.objectNode().put("Name", FAIL_STEP).put("Type", "Fail");
    fail.putObject("Arguments").set("ErrorMessage",
        Expr.join(" ", "Model not registered: evaluation AUC below", Expr.get(graph.parameter("MinAuc").reference()),
            "or an Error-level failure in the feature quality report"));
    a.putArray("ElseSteps").add(fail);
    return step;
  }

  private ObjectNode register(Step s) {
    ObjectNode step = F.objectNode().put("Name", REGISTER_STEP).put("Type", "RegisterModel");
    step.put("Description", s.description());
    ObjectNode a = step.putObject("Arguments");
    a.put("ModelPackageGroupName", sm.modelPackageGroup());
    a.put("ModelPackageDescription", config.name() + " model; lineage in CustomerMetadataProperties");
    ObjectNode metrics = a.putObject("ModelMetrics");
    metricsSource(metrics.putObject("ModelQuality").putObject("Statistics"), Artifacts.EVALUATION, "evaluation.json");
    ObjectNode dq = metrics.putObject("ModelDataQuality");
    metricsSource(dq.putObject("Statistics"), Artifacts.QUALITY_FEATURES, "statistics.json");
    metricsSource(dq.putObject("Constraints"), Artifacts.QUALITY_FEATURES, "constraints.json");
    ObjectNode inf = a.putObject("InferenceSpecification");
    ObjectNode c = inf.putArray("Containers").addObject();
    c.put("Image", xgboostImage());
    c.set("ModelDataUrl", Expr.get("Steps.Train.ModelArtifacts.S3ModelArtifacts"));
    inf.putArray("SupportedContentTypes").add("text/csv");
    inf.putArray("SupportedResponseMIMETypes").add("text/csv");
    inf.putArray("SupportedTransformInstanceTypes").add(sm.transformInstanceType());
    inf.putArray("SupportedRealtimeInferenceInstanceTypes").add(sm.transformInstanceType());
    a.set("ModelApprovalStatus", Expr.get(graph.parameter("ModelApprovalStatus").reference()));
    ObjectNode meta = a.putObject("CustomerMetadataProperties");
    meta.put("jobs-jar-sha256", jarSha256);
    meta.put("pipeline-config-sha256", config.digest());
    tags(a);
    return step;
  }

  private void metricsSource(ObjectNode node, String artifact, String file) {
    node.put("ContentType", "application/json");
    node.set("S3Uri", Expr.join("/", producedUri(artifact), file));
  }

  // ---- pieces

  private ObjectNode stepNode(String name, String type, Step s) {
    ObjectNode step = F.objectNode().put("Name", name).put("Type", type).put("Description", s.description());
    if (!s.dependsOn().isEmpty()) {
      ArrayNode deps = step.putArray("DependsOn");
      for (String d : s.dependsOn()) {
        Step dep = graph.step(d);
        deps.add(dep.kind() == StepKind.TRAIN ? TRANSFORM_STEP : dep.sageMakerName());
      }
    }
    return step;
  }

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
    ObjectNode base = producedUri(in.artifact());
    return in.subpath().isEmpty() ? base : Expr.join("/", base, in.subpath());
  }

  /** A property reference to where {@code artifact} was written in this execution (or the cached one). */
  private ObjectNode producedUri(String artifact) {
    Step producer = graph.producer(artifact).orElseThrow();
    if (producer.kind() == StepKind.TRAIN) {
      return artifact.equals(Artifacts.MODEL)
          ? Expr.get("Steps.Train.ModelArtifacts.S3ModelArtifacts")
          : Expr.get("Steps." + TRANSFORM_STEP + ".TransformOutput.S3OutputPath");
    }
    return Expr.get("Steps." + producer.sageMakerName() + ".ProcessingOutputConfig.Outputs['" + artifact + "'].S3Output.S3Uri");
  }

  private ObjectNode outputUri(String artifact) {
    return Expr.join("/", sm.output(), Expr.get(Expr.EXECUTION_ID), Artifacts.folder(artifact));
  }

  private void volumeKey(ObjectNode node, String instanceType) {
    if (sm.kmsKeyId().isPresent() && !InstanceTypes.hasLocalNvme(instanceType)) {
      node.put("VolumeKmsKeyId", sm.kmsKeyId().get());
    }
  }

  private void vpc(ObjectNode network) {
    if (!sm.subnets().isEmpty()) {
      vpcConfig(network.putObject("VpcConfig"));
    }
  }

  private void vpcConfig(ObjectNode vpc) {
    ArrayNode groups = vpc.putArray("SecurityGroupIds");
    sm.securityGroupIds().forEach(groups::add);
    ArrayNode subnets = vpc.putArray("Subnets");
    sm.subnets().forEach(subnets::add);
  }

  private void tags(ObjectNode args) {
    if (sm.tags().isEmpty()) {
      return;
    }
    ArrayNode tags = args.putArray("Tags");
    sm.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
  }

  private void cache(ObjectNode step) {
    step.putObject("CacheConfig").put("Enabled", true).put("ExpireAfter", sm.cacheExpireAfter());
  }

  private static void retries(ObjectNode step) {
    ArrayNode r = step.putArray("RetryPolicies");
    ObjectNode service = r.addObject().put("BackoffRate", 2.0).put("IntervalSeconds", 10).put("MaxAttempts", 3);
    service.putArray("ExceptionType").add("Step.SERVICE_FAULT").add("Step.THROTTLING");
    ObjectNode capacity = r.addObject().put("BackoffRate", 2.0).put("IntervalSeconds", 60).put("MaxAttempts", 3);
    capacity.putArray("ExceptionType").add("SageMaker.CAPACITY_ERROR").add("SageMaker.JOB_INTERNAL_ERROR");
  }

  private String xgboostImage() {
    return sm.training().imageUri().orElseGet(() -> ContainerImages.xgboost(sm.region()));
  }
}
