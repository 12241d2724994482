package io.clinicalpipeline.launch.sagemaker;

import static io.clinicalpipeline.launch.sagemaker.Expr.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.Step;
import java.util.List;

/**
 * The model half of the definition: the built-in XGBoost TrainingStep (managed spot, checkpoints, the
 * one hyperparameter file), the Model, the batch transform of the test channel, and RegisterModel with
 * its metrics and lineage.
 */
final class ModelSteps {

  private final PipelineGraph graph;
  private final PipelineConfig config;
  private final SageMaker sm;
  private final StepParts parts;
  private final String jarSha256;

  ModelSteps(PipelineGraph graph, StepParts parts, String jarSha256) {
    this.graph = graph;
    this.config = graph.config();
    this.sm = config.requireSageMaker();
    this.parts = parts;
    this.jarSha256 = jarSha256;
  }

  ObjectNode training(Step s) {
    ObjectNode step = parts.stepNode("Train", "Training", s);
    ObjectNode a = step.putObject("Arguments");
    ObjectNode algo = a.putObject("AlgorithmSpecification");
    algo.put("TrainingImage", parts.xgboostImage());
    algo.put("TrainingInputMode", "File");
    ObjectNode hp = a.putObject("HyperParameters");
    TrainingHyperparameters.of(config).forEach(hp::put);
    ArrayNode channels = a.putArray("InputDataConfig");
    for (String ch : List.of("train", "validation")) {
      ObjectNode c = channels.addObject();
      c.put("ChannelName", ch);
      ObjectNode ds = c.putObject("DataSource").putObject("S3DataSource");
      ds.put("S3DataType", "S3Prefix");
      ds.set("S3Uri", Expr.join("/", parts.producedUri(Artifacts.FEATURES), ch));
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
    parts.volumeKey(res, sm.training().instanceType());
    ObjectNode stop = a.putObject("StoppingCondition");
    stop.put("MaxRuntimeInSeconds", sm.training().maxRuntimeSeconds());
    if (sm.training().spot()) {
      stop.put("MaxWaitTimeInSeconds", sm.training().maxWaitSeconds());
    }
    a.put("RoleArn", sm.roleArn());
    if (!sm.subnets().isEmpty()) {
      parts.vpcConfig(a.putObject("VpcConfig"));
    }
    a.put("EnableNetworkIsolation", true);
    a.put("EnableInterContainerTrafficEncryption", true);
    a.put("EnableManagedSpotTraining", sm.training().spot());
    if (sm.training().spot()) {
      // Beside the features this model learns from: unique per features output, stable on a cache hit,
      // so a resumed spot job finds its own checkpoints and a new data set never inherits old ones.
      ObjectNode cp = a.putObject("CheckpointConfig");
      cp.set("S3Uri", Expr.join("", parts.producedUri(Artifacts.FEATURES), "-checkpoints"));
      cp.put("LocalPath", "/opt/ml/checkpoints");
    }
    return parts.finish(step, a);
  }

  ObjectNode model(Step s) {
    ObjectNode step = F.objectNode().put("Name", DefinitionWriter.MODEL_STEP).put("Type", "Model");
    step.putArray("DependsOn").add("Train");
    ObjectNode a = step.putObject("Arguments");
    a.put("ExecutionRoleArn", sm.roleArn());
    ObjectNode c = a.putObject("PrimaryContainer");
    c.put("Image", parts.xgboostImage());
    c.set("ModelDataUrl", Expr.get("Steps.Train.ModelArtifacts.S3ModelArtifacts"));
    if (!sm.subnets().isEmpty()) {
      parts.vpcConfig(a.putObject("VpcConfig"));
    }
    a.put("EnableNetworkIsolation", true);
    parts.tags(a);
    return step;
  }

  ObjectNode transform(Step s) {
    ObjectNode step = F.objectNode().put("Name", DefinitionWriter.TRANSFORM_STEP).put("Type", "Transform");
    step.put("Description", "Score the test channel; rows keep their row_id (JoinSource Input)");
    step.putArray("DependsOn").add(DefinitionWriter.MODEL_STEP);
    ObjectNode a = step.putObject("Arguments");
    a.set("ModelName", Expr.get("Steps." + DefinitionWriter.MODEL_STEP + ".ModelName"));
    ObjectNode in = a.putObject("TransformInput");
    ObjectNode ds = in.putObject("DataSource").putObject("S3DataSource");
    ds.put("S3DataType", "S3Prefix");
    ds.set("S3Uri", Expr.join("/", parts.producedUri(Artifacts.FEATURES), "transform", "test"));
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
    parts.volumeKey(res, sm.transformInstanceType());
    ObjectNode dp = a.putObject("DataProcessing");
    dp.put("InputFilter", "$[1:]");
    dp.put("JoinSource", "Input");
    dp.put("OutputFilter", "$[0,-1]");
    return parts.finish(step, a);
  }

  ObjectNode register(Step s) {
    ObjectNode step = F.objectNode().put("Name", DefinitionWriter.REGISTER_STEP).put("Type", "RegisterModel");
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
    c.put("Image", parts.xgboostImage());
    c.set("ModelDataUrl", Expr.get("Steps.Train.ModelArtifacts.S3ModelArtifacts"));
    inf.putArray("SupportedContentTypes").add("text/csv");
    inf.putArray("SupportedResponseMIMETypes").add("text/csv");
    inf.putArray("SupportedTransformInstanceTypes").add(sm.transformInstanceType());
    inf.putArray("SupportedRealtimeInferenceInstanceTypes").add(sm.transformInstanceType());
    a.set("ModelApprovalStatus", Expr.get(graph.parameter("ModelApprovalStatus").reference()));
    ObjectNode meta = a.putObject("CustomerMetadataProperties");
    meta.put("jobs-jar-sha256", jarSha256);
    meta.put("pipeline-config-sha256", config.digest());
    parts.tags(a);
    return step;
  }

  private void metricsSource(ObjectNode node, String artifact, String file) {
    node.put("ContentType", "application/json");
    node.set("S3Uri", Expr.join("/", parts.producedUri(artifact), file));
  }
}
