package io.clinicalpipeline.launch.sagemaker;

import static io.clinicalpipeline.launch.sagemaker.Expr.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The least-privilege policy of the pipeline's execution role: read the input, the artifacts and the key
 * object; list only those prefixes; write only under the output prefix; use only the configured KMS key;
 * create and watch only the SageMaker jobs, models and packages the definition names; pass only itself;
 * pull only the two images. The model package group itself is created by {@code sagemaker upsert} with
 * the caller's credentials (see the module README), so the role needs no {@code CreateModelPackageGroup}.
 */
public final class IamPolicy {

  private IamPolicy() {}

  public static ObjectNode of(PipelineConfig config) {
    SageMaker sm = config.requireSageMaker();
    String partition = sm.roleArn().split(":")[1];
    String account = sm.account();
    String region = sm.region();
    ObjectNode policy = F.objectNode().put("Version", "2012-10-17");
    ArrayNode st = policy.putArray("Statement");

    List<String> read = new ArrayList<>();
    read.add(objects(partition, sm.input()));
    read.add(objects(partition, sm.artifacts()));
    config.deid().keyS3Uri().ifPresent(k -> read.add("arn:" + partition + ":s3:::" + k.substring("s3://".length())));
    statement(st, "ReadInputsAndArtifacts", List.of("s3:GetObject"), read);
    statement(st, "WriteOutputs", List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
        List.of(objects(partition, sm.output())));
    // An S3Prefix input lists its own URI as the prefix: the bare folder ("raw/synthea"), and the key
    // object's full key; the jobs list below a folder ("raw/synthea/*").
    Set<String> buckets = new LinkedHashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (String uri : List.of(sm.input(), sm.output(), sm.artifacts())) {
      String[] parts = uri.substring("s3://".length()).split("/", 2);
      buckets.add("arn:" + partition + ":s3:::" + parts[0]);
      if (parts.length > 1 && !trim(parts[1]).isEmpty()) {
        prefixes.add(trim(parts[1]));
        prefixes.add(trim(parts[1]) + "/*");
      } else {
        prefixes.add("*");
      }
    }
    config.deid().keyS3Uri().ifPresent(k -> {
      String[] parts = k.substring("s3://".length()).split("/", 2);
      buckets.add("arn:" + partition + ":s3:::" + parts[0]);
      prefixes.add(parts.length > 1 ? parts[1] : "*");
    });
    ObjectNode list = statement(st, "ListOnlyPipelinePrefixes", List.of("s3:ListBucket"), List.copyOf(buckets));
    ArrayNode like = list.putObject("Condition").putObject("StringLike").putArray("s3:prefix");
    prefixes.forEach(like::add);

    sm.kmsKeyId().ifPresent(k -> statement(st, "UseThePipelineKey",
        List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:CreateGrant"), List.of(k)));

    String sagemakerArn = "arn:" + partition + ":sagemaker:" + region + ":" + account + ":";
    statement(st, "RunPipelineJobs",
        List.of("sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob",
            "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
            "sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob",
            "sagemaker:CreateModel", "sagemaker:DescribeModel", "sagemaker:AddTags", "sagemaker:ListTags"),
        List.of(sagemakerArn + "processing-job/*", sagemakerArn + "training-job/*", sagemakerArn + "transform-job/*",
            sagemakerArn + "model/*"));
    statement(st, "RegisterInTheModelGroup",
        List.of("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage", "sagemaker:DescribeModelPackageGroup",
            "sagemaker:AddTags"),
        List.of(sagemakerArn + "model-package-group/" + sm.modelPackageGroup(),
            sagemakerArn + "model-package/" + sm.modelPackageGroup() + "/*"));
    ObjectNode pass = statement(st, "PassOnlyThisRole", List.of("iam:PassRole"), List.of(sm.roleArn()));
    pass.putObject("Condition").putObject("StringEquals").put("iam:PassedToService", "sagemaker.amazonaws.com");

    statement(st, "PullTheImages", List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"),
        images(partition, sm));
    statement(st, "EcrLogin", List.of("ecr:GetAuthorizationToken"), List.of("*"));
    statement(st, "WriteJobLogs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
        List.of("arn:" + partition + ":logs:" + region + ":" + account + ":log-group:/aws/sagemaker/*"));
    ObjectNode metrics = statement(st, "PublishJobMetrics", List.of("cloudwatch:PutMetricData"), List.of("*"));
    metrics.putObject("Condition").putObject("StringLike").put("cloudwatch:namespace", "/aws/sagemaker/*");

    if (!sm.subnets().isEmpty()) {
      statement(st, "DescribeTheVpc",
          List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets",
              "ec2:DescribeSecurityGroups"),
          List.of("*"));
      List<String> net = new ArrayList<>();
      net.add("arn:" + partition + ":ec2:" + region + ":" + account + ":network-interface/*");
      sm.subnets().forEach(s -> net.add("arn:" + partition + ":ec2:" + region + ":" + account + ":subnet/" + s));
      sm.securityGroupIds().forEach(g -> net.add("arn:" + partition + ":ec2:" + region + ":" + account + ":security-group/" + g));
      statement(st, "JobNetworkInterfaces",
          List.of("ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface",
              "ec2:DeleteNetworkInterfacePermission"),
          net);
    }
    return policy;
  }

  private static List<String> images(String partition, SageMaker sm) {
    List<String> out = new ArrayList<>();
    String spark = sm.customImageUri().orElseGet(() -> ContainerImages.sparkProcessing(sm.region()));
    String xgb = sm.training().imageUri().orElseGet(() -> ContainerImages.xgboost(sm.region()));
    for (String image : List.of(spark, xgb)) {
      String account = image.substring(0, image.indexOf('.'));
      String repo = image.substring(image.indexOf('/') + 1).replaceAll("[:@].*$", "");
      out.add("arn:" + partition + ":ecr:" + sm.region() + ":" + account + ":repository/" + repo);
    }
    return out;
  }

  private static String objects(String partition, String s3Uri) {
    return "arn:" + partition + ":s3:::" + trim(s3Uri.substring("s3://".length())) + "/*";
  }

  private static String trim(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static ObjectNode statement(ArrayNode st, String sid, List<String> actions, List<String> resources) {
    ObjectNode s = st.addObject().put("Sid", sid).put("Effect", "Allow");
    ArrayNode a = s.putArray("Action");
    actions.forEach(a::add);
    ArrayNode r = s.putArray("Resource");
    resources.forEach(r::add);
    return s;
  }
}
