package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.launch.sagemaker.PolicySimulator.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every AWS request a pipeline definition makes its execution role send, found by walking the definition
 * itself: the API call that starts each step, the role it passes, each S3 URI a step reads (list the
 * prefix, get an object under it) or writes, each KMS key, each image pulled. Expressions are evaluated
 * for one sample execution: parameters take their defaults, property references resolve to the URI the
 * producing step writes.
 */
final class DefinitionAccess {
  static final String EXECUTION_ID = "sample-execution-id";
  private static final Pattern OUTPUT_REF =
      Pattern.compile("Steps\\.(\\w+)\\.ProcessingOutputConfig\\.Outputs\\['([^']+)'\\]\\.S3Output\\.S3Uri");
  private static final Pattern IMAGE = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+).*");

  private final JsonNode definition;
  private final String partition;
  private final String account;
  private final String region;
  final List<Request> requests = new ArrayList<>();

  DefinitionAccess(JsonNode definition, String partition, String account, String region) {
    this.definition = definition;
    this.partition = partition;
    this.account = account;
    this.region = region;
    for (JsonNode step : Fixtures.allSteps(definition)) {
      walk(step);
    }
  }

  private void walk(JsonNode step) {
    JsonNode a = step.path("Arguments");
    switch (step.path("Type").asText()) {
      case "Processing" -> {
        job("CreateProcessingJob", "processing-job/*", a.path("RoleArn"));
        image(a.at("/AppSpecification/ImageUri"));
        a.path("ProcessingInputs").forEach(in -> read(in.at("/S3Input/S3Uri")));
        a.at("/ProcessingOutputConfig/Outputs").forEach(o -> write(o.at("/S3Output/S3Uri")));
        key(a.at("/ProcessingOutputConfig/KmsKeyId"));
        key(a.at("/ProcessingResources/ClusterConfig/VolumeKmsKeyId"));
      }
      case "Training" -> {
        job("CreateTrainingJob", "training-job/*", a.path("RoleArn"));
        image(a.at("/AlgorithmSpecification/TrainingImage"));
        a.path("InputDataConfig").forEach(c -> read(c.at("/DataSource/S3DataSource/S3Uri")));
        write(a.at("/OutputDataConfig/S3OutputPath"));
        key(a.at("/OutputDataConfig/KmsKeyId"));
        key(a.at("/ResourceConfig/VolumeKmsKeyId"));
        if (a.has("CheckpointConfig")) {
          read(a.at("/CheckpointConfig/S3Uri"));
          write(a.at("/CheckpointConfig/S3Uri"));
        }
      }
      case "Model" -> {
        job("CreateModel", "model/*", a.path("ExecutionRoleArn"));
        image(a.at("/PrimaryContainer/Image"));
        object(a.at("/PrimaryContainer/ModelDataUrl"));
      }
      case "Transform" -> {
        sagemaker("CreateTransformJob", "transform-job/*");
        read(a.at("/TransformInput/DataSource/S3DataSource/S3Uri"));
        write(a.at("/TransformOutput/S3OutputPath"));
        key(a.at("/TransformOutput/KmsKeyId"));
        key(a.at("/TransformResources/VolumeKmsKeyId"));
      }
      case "RegisterModel" -> {
        String group = a.path("ModelPackageGroupName").asText();
        sagemaker("CreateModelPackage", "model-package/" + group + "/*");
        sagemaker("DescribeModelPackageGroup", "model-package-group/" + group);
        for (JsonNode c : a.at("/InferenceSpecification/Containers")) {
          image(c.path("Image"));
          object(c.path("ModelDataUrl"));
        }
        a.path("ModelMetrics").findValues("S3Uri").forEach(this::object);
      }
      case "Condition", "Fail" -> { }
      default -> throw new AssertionError("step type not walked: " + step.path("Type").asText());
    }
  }

  private void job(String action, String resource, JsonNode role) {
    sagemaker(action, resource);
    requests.add(new Request("iam:PassRole", role.asText(), Map.of("iam:PassedToService", "sagemaker.amazonaws.com")));
  }

  private void sagemaker(String action, String resource) {
    requests.add(new Request("sagemaker:" + action,
        "arn:" + partition + ":sagemaker:" + region + ":" + account + ":" + resource, Map.of()));
  }

  /** An S3Prefix read: list the URI's key as the prefix, get the object it names or one below it. */
  private void read(JsonNode uri) {
    String[] bk = bucketKey(resolve(uri));
    requests.add(new Request("s3:ListBucket", "arn:" + partition + ":s3:::" + bk[0], Map.of("s3:prefix", bk[1])));
    String object = bk[1].matches(".*\\.[a-z]+$") ? bk[1] : bk[1] + "/part-00000";
    requests.add(new Request("s3:GetObject", "arn:" + partition + ":s3:::" + bk[0] + "/" + object, Map.of()));
  }

  private void object(JsonNode uri) {
    String[] bk = bucketKey(resolve(uri));
    requests.add(new Request("s3:GetObject", "arn:" + partition + ":s3:::" + bk[0] + "/" + bk[1], Map.of()));
  }

  private void write(JsonNode uri) {
    String[] bk = bucketKey(resolve(uri));
    requests.add(new Request("s3:PutObject", "arn:" + partition + ":s3:::" + bk[0] + "/" + bk[1] + "/part-00000", Map.of()));
  }

  private void key(JsonNode key) {
    if (key.isMissingNode()) {
      return;
    }
    for (String action : List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant")) {
      requests.add(new Request(action, key.asText(), Map.of()));
    }
  }

  private void image(JsonNode uri) {
    Matcher m = IMAGE.matcher(uri.asText());
    if (!m.matches()) {
      throw new AssertionError("not an ECR image URI: " + uri.asText());
    }
    String repo = "arn:" + partition + ":ecr:" + m.group(2) + ":" + m.group(1) + ":repository/" + m.group(3);
    requests.add(new Request("ecr:BatchGetImage", repo, Map.of()));
    requests.add(new Request("ecr:GetDownloadUrlForLayer", repo, Map.of()));
    requests.add(new Request("ecr:GetAuthorizationToken", "*", Map.of()));
  }

  private static String[] bucketKey(String uri) {
    if (!uri.startsWith("s3://")) {
      throw new AssertionError("not an S3 URI: " + uri);
    }
    String[] parts = uri.substring(5).split("/", 2);
    return new String[] {parts[0], parts.length > 1 ? parts[1] : ""};
  }

  /** The value of a definition expression for the sample execution. */
  String resolve(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.has("Std:Join")) {
      List<String> parts = new ArrayList<>();
      v.at("/Std:Join/Values").forEach(x -> parts.add(resolve(x)));
      return String.join(v.at("/Std:Join/On").asText(), parts);
    }
    String get = v.path("Get").asText();
    if (get.equals("Execution.PipelineExecutionId")) {
      return EXECUTION_ID;
    }
    if (get.startsWith("Parameters.")) {
      for (JsonNode p : definition.path("Parameters")) {
        if (p.path("Name").asText().equals(get.substring("Parameters.".length()))) {
          return p.path("DefaultValue").asText();
        }
      }
    }
    Matcher m = OUTPUT_REF.matcher(get);
    if (m.matches()) {
      for (JsonNode o : Fixtures.step(definition, m.group(1)).at("/Arguments/ProcessingOutputConfig/Outputs")) {
        if (o.path("OutputName").asText().equals(m.group(2))) {
          return resolve(o.at("/S3Output/S3Uri"));
        }
      }
    }
    if (get.matches("Steps\\.(\\w+)\\.ModelArtifacts\\.S3ModelArtifacts")) {
      JsonNode train = Fixtures.step(definition, get.split("\\.")[1]);
      return resolve(train.at("/Arguments/OutputDataConfig/S3OutputPath")) + "/pipelines-train/output/model.tar.gz";
    }
    if (get.matches("Steps\\.(\\w+)\\.TransformOutput\\.S3OutputPath")) {
      return resolve(Fixtures.step(definition, get.split("\\.")[1]).at("/Arguments/TransformOutput/S3OutputPath"));
    }
    throw new AssertionError("expression not resolved: " + v);
  }
}
