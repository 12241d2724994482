package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.launch.config.ConfigException;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionWriterTest {

  @TempDir Path tmp;

  private Definition example() throws Exception {
    return DefinitionWriter.write(Fixtures.graph(Fixtures.exampleYaml()), Fixtures.jar(tmp, "jar v1"), false);
  }

  @Test
  void exampleConfig_everyArgumentItem_atMost256Characters() throws Exception {
    JsonNode d = example().json();
    List<String> items = new ArrayList<>();
    for (JsonNode s : Fixtures.allSteps(d)) {
      JsonNode app = s.path("Arguments").path("AppSpecification");
      app.path("ContainerEntrypoint").forEach(i -> items.add(i.asText()));
      app.path("ContainerArguments").forEach(i -> items.add(i.asText()));
    }
    assertThat(items).hasSizeGreaterThan(50).allSatisfy(i -> assertThat(i.length()).isLessThanOrEqualTo(256));
    assertThat(Fixtures.allSteps(d)).allSatisfy(s ->
        assertThat(s.path("Arguments").path("AppSpecification").path("ContainerArguments").size()).isLessThanOrEqualTo(100));
  }

  @Test
  void exampleConfig_outputsVolumesAndTraffic_encrypted() throws Exception {
    JsonNode d = example().json();
    String key = "arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555";
    List<JsonNode> processing = Fixtures.allSteps(d).stream().filter(s -> s.path("Type").asText().equals("Processing")).toList();
    assertThat(processing).hasSize(7);
    for (JsonNode s : processing) {
      JsonNode a = s.path("Arguments");
      assertThat(a.at("/ProcessingOutputConfig/KmsKeyId").asText()).isEqualTo(key);
      assertThat(a.at("/ProcessingResources/ClusterConfig/VolumeKmsKeyId").asText()).isEqualTo(key);
      assertThat(a.at("/NetworkConfig/EnableInterContainerTrafficEncryption").asBoolean()).isTrue();
      assertThat(a.at("/NetworkConfig/EnableNetworkIsolation").asBoolean()).isTrue();
      assertThat(a.at("/NetworkConfig/VpcConfig/Subnets")).hasSize(2);
      assertThat(a.path("Tags")).isNotEmpty();
      assertThat(s.at("/CacheConfig/Enabled").asBoolean()).isTrue();
    }
    JsonNode train = Fixtures.step(d, "Train").path("Arguments");
    assertThat(train.at("/OutputDataConfig/KmsKeyId").asText()).isEqualTo(key);
    assertThat(train.at("/EnableInterContainerTrafficEncryption").asBoolean()).isTrue();
    assertThat(train.at("/EnableNetworkIsolation").asBoolean()).isTrue();
    assertThat(Fixtures.step(d, "ScoreTest").at("/Arguments/TransformOutput/KmsKeyId").asText()).isEqualTo(key);
  }

  @Test
  void nvmeTrainingInstance_getsNoVolumeKey_ebsInstanceDoes() throws Exception {
    JsonNode nvme = example().json();
    assertThat(Fixtures.step(nvme, "Train").at("/Arguments/ResourceConfig").has("VolumeKmsKeyId")).isFalse();
    String ebs = Fixtures.exampleYaml().replace("instance-type: ml.g5.xlarge", "instance-type: ml.p3.2xlarge");
    JsonNode d = DefinitionWriter.write(Fixtures.graph(ebs), Fixtures.jar(tmp, "jar v1"), false).json();
    assertThat(Fixtures.step(d, "Train").at("/Arguments/ResourceConfig/VolumeKmsKeyId").asText()).startsWith("arn:aws:kms:");
  }

  @Test
  void instanceTypes_localNvme_byFamily() {
    assertThat(List.of("ml.g5.xlarge", "ml.g6.2xlarge", "ml.p4d.24xlarge", "ml.p5.48xlarge", "ml.trn1.32xlarge",
        "ml.m5d.large", "ml.c6id.xlarge", "ml.g4dn.xlarge", "ml.r5d.4xlarge"))
        .allSatisfy(t -> assertThat(InstanceTypes.hasLocalNvme(t)).as(t).isTrue());
    assertThat(List.of("ml.m5.4xlarge", "ml.c5.xlarge", "ml.p3.2xlarge", "ml.r5.large", "ml.m6i.xlarge"))
        .allSatisfy(t -> assertThat(InstanceTypes.hasLocalNvme(t)).as(t).isFalse());
  }

  @Test
  void noKmsKey_refused_unlessAllowUnencrypted() throws Exception {
    String yaml = Fixtures.exampleYaml().replaceAll("(?m)^  kms-key-id: .*$", "");
    PipelineGraph g = Fixtures.graph(yaml);
    Path jar = Fixtures.jar(tmp, "jar v1");
    assertThatThrownBy(() -> DefinitionWriter.write(g, jar, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sagemaker.kms-key-id")
        .hasMessageContaining("--allow-unencrypted");
    Definition d = DefinitionWriter.write(g, jar, true);
    assertThat(d.warnings()).anyMatch(w -> w.contains("no KMS key"));
    assertThat(Fixtures.step(d.json(), "Ingest").at("/Arguments/ProcessingOutputConfig").has("KmsKeyId")).isFalse();
  }

  @Test
  void jarKey_carriesItsDigest_soARebuiltJarChangesTheCacheKey() throws Exception {
    PipelineGraph g = Fixtures.graph(Fixtures.exampleYaml());
    JsonNode v1 = DefinitionWriter.write(g, Fixtures.jar(tmp, "jar v1"), false).json();
    JsonNode v2 = DefinitionWriter.write(g, Fixtures.jar(tmp, "jar v2"), false).json();
    String code1 = codeUri(v1);
    String code2 = codeUri(v2);
    assertThat(code1).matches("s3://example-phi-bucket/clinical-pipeline/artifacts/jars/[0-9a-f]{64}/clinical-pipeline-jobs.jar");
    assertThat(code1).isNotEqualTo(code2);
    assertThat(DefinitionWriter.write(g, Fixtures.jar(tmp, "jar v1"), false).json()).isEqualTo(v1);
  }

  private static String codeUri(JsonNode d) {
    for (JsonNode in : Fixtures.step(d, "Deidentify").at("/Arguments/ProcessingInputs")) {
      if (in.path("InputName").asText().equals("code")) {
        return in.at("/S3Input/S3Uri").asText();
      }
    }
    throw new AssertionError("no code input");
  }

  @Test
  void sparkSteps_runTheJarWithSmsparkSubmit_onTheJava17Image() throws Exception {
    JsonNode a = Fixtures.step(example().json(), "Deidentify").path("Arguments");
    assertThat(a.at("/AppSpecification/ImageUri").asText())
        .isEqualTo("173754725891.dkr.ecr.us-east-1.amazonaws.com/sagemaker-spark-processing:3.5-cpu-py312-v1.3");
    assertThat(a.at("/AppSpecification/ContainerEntrypoint").toString())
        .isEqualTo("[\"smspark-submit\",\"--class\",\"io.clinicalpipeline.jobs.deid.DeidentifyJob\","
            + "\"--local-spark-event-logs-dir\",\"/opt/ml/processing/spark-events/\","
            + "\"/opt/ml/processing/input/code/clinical-pipeline-jobs.jar\"]");
    assertThat(a.at("/AppSpecification/ContainerArguments").toString())
        .isEqualTo("[\"--input\",\"/opt/ml/processing/input/raw\",\"--output\",\"/opt/ml/processing/output/deid\","
            + "\"--date-policy\",\"shift\",\"--key-file\",\"/opt/ml/processing/input/key/deid.key\"]");
    List<String> inputs = new ArrayList<>();
    a.path("ProcessingInputs").forEach(i -> inputs.add(i.path("InputName").asText() + "=" + i.at("/S3Input/LocalPath").asText()));
    assertThat(inputs).containsExactly("raw=/opt/ml/processing/input/raw", "key=/opt/ml/processing/input/key",
        "conf=/opt/ml/processing/input/conf", "code=/opt/ml/processing/input/code");
  }

  @Test
  void sparkSteps_writeEventLogs_uploadedContinuouslyAsAnOutput() throws Exception {
    Definition d = example();
    JsonNode conf = new com.fasterxml.jackson.databind.ObjectMapper().readTree(d.uploads().stream()
        .filter(u -> u.s3Uri().endsWith("/configuration.json")).findFirst().orElseThrow().content());
    assertThat(conf.get(0).path("Classification").asText()).isEqualTo("spark-defaults");
    assertThat(conf.get(0).at("/Properties/spark.eventLog.enabled").asText()).isEqualTo("true");
    assertThat(conf.get(0).at("/Properties/spark.eventLog.dir").asText()).isEqualTo("file:///opt/ml/processing/spark-events");
    int steps = 0;
    for (JsonNode step : Fixtures.allSteps(d.json())) {
      if (!step.path("Type").asText().equals("Processing")) {
        continue;
      }
      steps++;
      JsonNode events = null;
      for (JsonNode o : step.at("/Arguments/ProcessingOutputConfig/Outputs")) {
        if (o.path("OutputName").asText().equals("spark-events")) {
          events = o.path("S3Output");
        }
      }
      assertThat(events).as(step.path("Name").asText()).isNotNull();
      assertThat(events.path("LocalPath").asText()).isEqualTo("/opt/ml/processing/spark-events");
      assertThat(events.path("S3UploadMode").asText()).isEqualTo("Continuous");
      assertThat(events.path("S3Uri").toString()).contains("spark-events");
      assertThat(step.at("/Arguments/AppSpecification/ContainerEntrypoint").toString())
          .contains("\"--local-spark-event-logs-dir\",\"/opt/ml/processing/spark-events/\"");
    }
    assertThat(steps).isEqualTo(7);
  }

  @Test
  void trainingStep_gpuXgboost_managedSpotWithCheckpoints() throws Exception {
    JsonNode a = Fixtures.step(example().json(), "Train").path("Arguments");
    assertThat(a.at("/AlgorithmSpecification/TrainingImage").asText())
        .isEqualTo("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:3.0-5");
    assertThat(a.at("/ResourceConfig/InstanceType").asText()).isEqualTo("ml.g5.xlarge");
    assertThat(a.at("/HyperParameters/tree_method").asText()).isEqualTo("gpu_hist");
    assertThat(a.at("/HyperParameters/num_round").asText())
        .isEqualTo(io.clinicalpipeline.jobs.train.Hyperparameters.parse(
            io.clinicalpipeline.jobs.train.TrainingContract.defaultHyperparameters()).values().get("num_round"));
    assertThat(a.at("/EnableManagedSpotTraining").asBoolean()).isTrue();
    assertThat(a.at("/StoppingCondition/MaxWaitTimeInSeconds").asInt())
        .isGreaterThanOrEqualTo(a.at("/StoppingCondition/MaxRuntimeInSeconds").asInt());
    assertThat(a.at("/CheckpointConfig/LocalPath").asText()).isEqualTo("/opt/ml/checkpoints");
    assertThat(a.at("/CheckpointConfig/S3Uri").toString()).contains("Outputs['features']");
  }

  @Test
  void condition_readsAucFromThePropertyFile_andTheQualityStatus() throws Exception {
    JsonNode d = example().json();
    JsonNode evaluate = Fixtures.step(d, "Evaluate");
    assertThat(evaluate.at("/PropertyFiles/0/PropertyFileName").asText()).isEqualTo("EvaluationReport");
    assertThat(evaluate.at("/PropertyFiles/0/FilePath").asText()).isEqualTo("evaluation.json");
    JsonNode c = Fixtures.step(d, "CheckQualityAndAuc").path("Arguments");
    JsonNode auc = c.at("/Conditions/0");
    assertThat(auc.path("Type").asText()).isEqualTo("GreaterThanOrEqualTo");
    assertThat(auc.at("/LeftValue/Std:JsonGet/Path").asText()).isEqualTo("binary_classification_metrics.auc.value");
    assertThat(auc.at("/LeftValue/Std:JsonGet/PropertyFile/Get").asText()).isEqualTo("Steps.Evaluate.PropertyFiles.EvaluationReport");
    assertThat(auc.at("/RightValue/Get").asText()).isEqualTo("Parameters.MinAuc");
    assertThat(c.at("/Conditions/1/QueryValue/Std:JsonGet/PropertyFile/Get").asText())
        .isEqualTo("Steps.QualityFeatures.PropertyFiles.QualityFeaturesReport");
    assertThat(c.at("/IfSteps/0/Type").asText()).isEqualTo("RegisterModel");
    assertThat(c.at("/ElseSteps/0/Type").asText()).isEqualTo("Fail");
    JsonNode metrics = c.at("/IfSteps/0/Arguments/ModelMetrics");
    assertThat(metrics.at("/ModelQuality/Statistics/S3Uri").toString()).contains("evaluation.json");
    assertThat(metrics.at("/ModelDataQuality/Constraints/S3Uri").toString()).contains("constraints.json");
  }

  @Test
  void transform_scoresTheTestChannel_keepingRowIds() throws Exception {
    JsonNode a = Fixtures.step(example().json(), "ScoreTest").path("Arguments");
    assertThat(a.at("/DataProcessing/InputFilter").asText()).isEqualTo("$[1:]");
    assertThat(a.at("/DataProcessing/JoinSource").asText()).isEqualTo("Input");
    assertThat(a.at("/DataProcessing/OutputFilter").asText()).isEqualTo("$[0,-1]");
    assertThat(a.at("/TransformInput/DataSource/S3DataSource/S3Uri").toString()).contains("transform", "test");
  }

  @Test
  void noSecretsInEnvironmentOrTags() throws Exception {
    JsonNode d = example().json();
    for (JsonNode s : Fixtures.allSteps(d)) {
      assertThat(s.path("Arguments").path("Environment").size()).isZero();
      s.path("Arguments").path("Tags").forEach(t ->
          assertThat(t.path("Key").asText() + t.path("Value").asText()).doesNotContainIgnoringCase("key").doesNotContainIgnoringCase("secret"));
    }
    assertThat(d.toString()).doesNotContain("--demo-key").doesNotContain("--key-env");
  }

  @Test
  void taskSpec_travelsAsAnInputFile_uploadedUnderItsDigest() throws Exception {
    Path task = java.nio.file.Files.writeString(tmp.resolve("task.yaml"), "label: readmission-30d\n");
    String yaml = Fixtures.exampleYaml().replace("  # task: task.yaml", "  task: " + task);
    Definition d = DefinitionWriter.write(Fixtures.graph(yaml), Fixtures.jar(tmp, "jar"), false);
    JsonNode a = Fixtures.step(d.json(), "Features").path("Arguments");
    assertThat(a.at("/AppSpecification/ContainerArguments").toString())
        .contains("\"--task\",\"/opt/ml/processing/input/task/task.yaml\"");
    String sha = DefinitionWriter.sha256(task);
    String uri = "s3://example-phi-bucket/clinical-pipeline/artifacts/files/" + sha + "/task.yaml";
    assertThat(a.at("/ProcessingInputs").toString()).contains(uri, "/opt/ml/processing/input/task");
    assertThat(d.uploads()).extracting(Upload::s3Uri).contains(uri);
    assertThat(d.uploads()).extracting(Upload::s3Uri).anyMatch(u -> u.endsWith("/configuration.json"));
  }

  @Test
  void definition_isDeterministic_andUnder1Mb() throws Exception {
    Definition a = example();
    Definition b = example();
    assertThat(a.toJson()).isEqualTo(b.toJson());
    assertThat(a.toCompactJson().length()).isLessThan(1_000_000);
    assertThat(a.json().path("Version").asText()).isEqualTo("2020-12-01");
  }

  @Test
  void costEstimate_showsSpotDiscountOnTraining() throws Exception {
    PipelineGraph g = Fixtures.graph(Fixtures.exampleYaml());
    CostEstimate c = CostEstimate.of(g);
    CostEstimate.Line train = c.lines().stream().filter(l -> l.step().equals("train")).findFirst().orElseThrow();
    assertThat(train.onDemand()).isCloseTo(1.408 * 30 / 60, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(train.spot()).isCloseTo(train.onDemand() * 0.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.complete()).isTrue();
    assertThat(c.total()).isLessThan(c.totalOnDemand());
    assertThat(c.render(0.7)).contains("spot, 70% off");
  }
}
