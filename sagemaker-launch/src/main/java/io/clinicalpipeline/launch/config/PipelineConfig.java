package io.clinicalpipeline.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clinicalpipeline.common.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one pipeline configuration file ({@code examples/pipeline.yaml}) that drives both renderings of the
 * graph: {@code run-local} reads the job sections, {@code sagemaker ...} also reads {@code sagemaker}.
 * Loading validates eagerly; every message names the file and the dotted key.
 */
public record PipelineConfig(
    String name,
    String inputFormat,
    Deid deid,
    Optional<String> taskSpec,
    Optional<String> qualitySuite,
    Optional<String> hyperparametersFile,
    double minAuc,
    double minAucGainLowerBound,
    double minCalibrationSlope,
    double maxCalibrationSlope,
    Optional<SageMaker> sagemaker,
    String digest) {

  static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9](/[^\\s]*)?");
  static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/[\\w+=,.@\\-/]{1,64}");
  static final Pattern KMS_KEY =
      Pattern.compile("arn:aws[a-z\\-]*:kms:[a-z0-9\\-]+:\\d{12}:(key|alias)/[\\w/\\-]+");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
  static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9\\-]+\\.[0-9a-z]+");
  static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-z]+");
  static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-z]+");
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
  static final Pattern DURATION = Pattern.compile("P(\\d+[YMWD])*(T(\\d+[HMS])+)?");
  static final Pattern SECRET_WORDS =
      Pattern.compile("(?i).*(secret|password|passwd|token|credential|private[-_]?key|api[-_]?key).*");

  /** De-identification settings. */
  public record Deid(String datePolicy, Optional<String> keyFile, Optional<String> keyS3Uri) {}

  /** Instance settings of the processing steps. */
  public record Processing(String instanceType, int instanceCount, int volumeSizeGb, int maxRuntimeSeconds) {}

  /** The GPU training step: built-in XGBoost, managed spot with checkpoints. */
  public record Training(
      String instanceType,
      int volumeSizeGb,
      boolean spot,
      int maxRuntimeSeconds,
      int maxWaitSeconds,
      Optional<String> imageUri) {}

  /** Everything the SageMaker rendering needs beyond the job settings. */
  public record SageMaker(
      String region,
      String roleArn,
      String input,
      String output,
      String artifacts,
      String jobsJar,
      Optional<String> customImageUri,
      Optional<String> kmsKeyId,
      List<String> subnets,
      List<String> securityGroupIds,
      Map<String, String> tags,
      String cacheExpireAfter,
      Processing processing,
      Training training,
      String transformInstanceType,
      String modelPackageGroup,
      String approvalStatus,
      Map<String, Double> expectedMinutes,
      Map<String, Double> pricesPerHour,
      double spotDiscount) {

    /** The account that owns the execution role (the pipeline's account). */
    public String account() {
      return roleArn.split(":")[4];
    }

    public boolean encrypted() {
      return kmsKeyId.isPresent();
    }
  }

  public SageMaker requireSageMaker() {
    return sagemaker.orElseThrow(
        () -> new ConfigException("the pipeline config has no 'sagemaker' section (needed by this command)"));
  }

  public static PipelineConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read pipeline config " + file + ": " + e.getClass().getSimpleName());
    }
    return parse(file.getFileName().toString(), text);
  }

  /** The defaults alone, as {@code run-local} uses them without {@code --config}. */
  public static PipelineConfig defaults() {
    return parse("defaults", "{}");
  }

  public static PipelineConfig parse(String source, String yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML (" + e.getClass().getSimpleName() + ")");
    }
    Node r = new Node(source, "", root == null || root.isMissingNode() ? null : root);
    String name = r.matching("name", NAME, "letters, digits and hyphens", "clinical-pipeline");
    Node input = r.child("input");
    String format = input.oneOf("format", List.of("auto", "csv", "fhir"), "auto");
    input.done();

    Node d = r.child("deid");
    Deid deid =
        new Deid(
            d.oneOf("date-policy", List.of("shift", "safe-harbor"), "shift"),
            d.string("key-file"),
            d.has("key-s3-uri")
                ? Optional.of(d.matching("key-s3-uri", S3_URI, "an s3:// object URI", null))
                : Optional.empty());
    d.done();
    Node f = r.child("features");
    Optional<String> task = f.string("task");
    f.done();
    Node q = r.child("quality");
    Optional<String> suite = q.string("suite");
    q.done();
    Node t = r.child("train");
    Optional<String> hp = t.string("hyperparameters");
    t.done();
    Node ev = r.child("evaluation");
    double minAuc = ev.number("min-auc", 0.7, 0.0, 1.0);
    double minGain = ev.number("min-auc-gain-lower-bound", 0.0, -1.0, 1.0);
    double minSlope = ev.number("min-calibration-slope", 0.8, 0.0, 100.0);
    double maxSlope = ev.number("max-calibration-slope", 1.25, 0.0, 100.0);
    if (minSlope > maxSlope) {
      throw ev.error("evaluation.min-calibration-slope", "must not exceed evaluation.max-calibration-slope: "
          + minSlope + " > " + maxSlope);
    }
    ev.done();

    Optional<SageMaker> sm = r.has("sagemaker") ? Optional.of(sagemaker(r.child("sagemaker"))) : Optional.empty();
    r.done();
    return new PipelineConfig(
        name, format, deid, task, suite, hp, minAuc, minGain, minSlope, maxSlope, sm, Manifest.sha256(root == null ? "" : root.toString()));
  }

  private static SageMaker sagemaker(Node s) {
    String region = s.matching("region", REGION, "an AWS region such as us-east-1", null);
    String role = s.matching("role-arn", ROLE_ARN, "an IAM role ARN", null);
    String input = s.matching("input", S3_URI, "an s3:// URI", null);
    String output = trimSlash(s.matching("output", S3_URI, "an s3:// URI", null));
    String artifacts = trimSlash(s.matching("artifacts", S3_URI, "an s3:// URI", null));
    String jar = s.string("jobs-jar", "jobs/target/clinical-pipeline-jobs-0.1.0-SNAPSHOT-shaded.jar");
    Optional<String> image = s.string("image-uri");
    Optional<String> kms =
        s.has("kms-key-id") ? Optional.of(s.matching("kms-key-id", KMS_KEY, "a KMS key or alias ARN", null)) : Optional.empty();
    Node net = s.child("network");
    List<String> subnets = net.strings("subnets", SUBNET, "a subnet id (subnet-...)");
    List<String> groups = net.strings("security-group-ids", SECURITY_GROUP, "a security group id (sg-...)");
    if (subnets.isEmpty() != groups.isEmpty()) {
      throw net.error("sagemaker.network", "needs both subnets and security-group-ids, or neither");
    }
    net.done();
    Map<String, String> tags = s.map("tags");
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (SECRET_WORDS.matcher(e.getKey()).matches()) {
        throw s.error("sagemaker.tags." + e.getKey(), "looks like a secret; tags are visible to anyone who can list resources");
      }
      if (e.getKey().startsWith("aws:")) {
        throw s.error("sagemaker.tags." + e.getKey(), "uses the reserved aws: prefix");
      }
    }
    String expire = s.matching("cache-expire-after", DURATION, "an ISO 8601 duration such as P30D", "P30D");

    Node p = s.child("processing");
    Processing processing =
        new Processing(
            p.matching("instance-type", INSTANCE_TYPE, "a SageMaker instance type (ml.m5.4xlarge)", "ml.m5.4xlarge"),
            p.integer("instance-count", 1, 1, 100),
            p.integer("volume-size-gb", 30, 1, 16384),
            p.integer("max-runtime-seconds", 7200, 1, 777600));
    p.done();

    Node tr = s.child("training");
    String trainType = tr.matching("instance-type", INSTANCE_TYPE, "a SageMaker instance type (ml.g5.xlarge)", "ml.g5.xlarge");
    boolean spot = tr.bool("spot", true);
    int maxRun = tr.integer("max-runtime-seconds", 3600, 1, 2419200);
    int maxWait = tr.integer("max-wait-seconds", spot ? 2 * maxRun : maxRun, 1, 2419200);
    if (spot && maxWait < maxRun) {
      throw tr.error("sagemaker.training.max-wait-seconds", "must be at least max-runtime-seconds with spot: " + maxWait);
    }
    Training training =
        new Training(
            trainType,
            tr.integer("volume-size-gb", 30, 1, 16384),
            spot,
            maxRun,
            maxWait,
            tr.string("image-uri"));
    if (tr.has("hyperparameters")) {
      throw tr.error("sagemaker.training.hyperparameters", "is gone: set train.hyperparameters to a"
          + " hyperparameters.json; the local trainer and the SageMaker training step read that one file");
    }
    tr.done();
    Node tf = s.child("transform");
    String transformType = tf.matching("instance-type", INSTANCE_TYPE, "a SageMaker instance type", "ml.m5.xlarge");
    tf.done();
    Node reg = s.child("register");
    String group = reg.matching("model-package-group", NAME, "letters, digits and hyphens", null);
    String approval =
        reg.oneOf("approval-status", List.of("PendingManualApproval", "Approved", "Rejected"), "PendingManualApproval");
    reg.done();

    Map<String, Double> minutes = numbers(s, "expected-minutes");
    Map<String, Double> prices = numbers(s, "prices");
    double discount = s.number("spot-discount", 0.7, 0.0, 0.95);
    s.done();
    return new SageMaker(
        region, role, input, output, artifacts, jar, image, kms, subnets, groups, tags, expire, processing,
        training, transformType, group, approval, minutes, prices, discount);
  }

  private static Map<String, Double> numbers(Node s, String name) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : s.map(name).entrySet()) {
      try {
        double v = Double.parseDouble(e.getValue());
        if (v < 0) {
          throw new NumberFormatException();
        }
        out.put(e.getKey(), v);
      } catch (NumberFormatException ex) {
        throw s.error("sagemaker." + name + "." + e.getKey(), "must be a non-negative number: " + e.getValue());
      }
    }
    return Map.copyOf(out);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
