package io.clinicalpipeline.launch.sagemaker;

import static io.clinicalpipeline.launch.sagemaker.Expr.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.Step;
import io.clinicalpipeline.launch.graph.StepKind;

/**
 * The pieces every step of the definition is built from: the step node with its dependencies, property
 * references to what earlier steps wrote, volume keys, VPC, tags, caching and retry policies.
 */
final class StepParts {

  private final PipelineGraph graph;
  private final SageMaker sm;

  StepParts(PipelineGraph graph, SageMaker sm) {
    this.graph = graph;
    this.sm = sm;
  }

  ObjectNode stepNode(String name, String type, Step s) {
    ObjectNode step = F.objectNode().put("Name", name).put("Type", type).put("Description", s.description());
    if (!s.dependsOn().isEmpty()) {
      ArrayNode deps = step.putArray("DependsOn");
      for (String d : s.dependsOn()) {
        Step dep = graph.step(d);
        deps.add(dep.kind() == StepKind.TRAIN ? DefinitionWriter.TRANSFORM_STEP : dep.sageMakerName());
      }
    }
    return step;
  }

  /** A property reference to where {@code artifact} was written in this execution (or the cached one). */
  ObjectNode producedUri(String artifact) {
    Step producer = graph.producer(artifact).orElseThrow();
    if (producer.kind() == StepKind.TRAIN) {
      return artifact.equals(Artifacts.MODEL)
          ? Expr.get("Steps.Train.ModelArtifacts.S3ModelArtifacts")
          : Expr.get("Steps." + DefinitionWriter.TRANSFORM_STEP + ".TransformOutput.S3OutputPath");
    }
    return Expr.get("Steps." + producer.sageMakerName() + ".ProcessingOutputConfig.Outputs['" + artifact + "'].S3Output.S3Uri");
  }

  void volumeKey(ObjectNode node, String instanceType) {
    if (sm.kmsKeyId().isPresent() && !InstanceTypes.hasLocalNvme(instanceType)) {
      node.put("VolumeKmsKeyId", sm.kmsKeyId().get());
    }
  }

  void vpc(ObjectNode network) {
    if (!sm.subnets().isEmpty()) {
      vpcConfig(network.putObject("VpcConfig"));
    }
  }

  void vpcConfig(ObjectNode vpc) {
    ArrayNode groups = vpc.putArray("SecurityGroupIds");
    sm.securityGroupIds().forEach(groups::add);
    ArrayNode subnets = vpc.putArray("Subnets");
    sm.subnets().forEach(subnets::add);
  }

  void tags(ObjectNode args) {
    if (sm.tags().isEmpty()) {
      return;
    }
    ArrayNode tags = args.putArray("Tags");
    sm.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
  }

  /** What every job step ends with: the request's tags, the step's retry policies and its cache. */
  ObjectNode finish(ObjectNode step, ObjectNode args) {
    tags(args);
    retries(step);
    cache(step);
    return step;
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

  String xgboostImage() {
    return sm.training().imageUri().orElseGet(() -> ContainerImages.xgboost(sm.region()));
  }
}
