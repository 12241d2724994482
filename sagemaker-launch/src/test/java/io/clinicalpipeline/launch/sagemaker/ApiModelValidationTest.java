package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.SharedReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;

/**
 * Every step's {@code Arguments} is the body of a SageMaker API request: checked against the AWS SDK v2
 * request classes (always) and against the botocore API model in the shared reference folder (required
 * members, enums, lengths, patterns) when that folder is present beside the repository.
 */
class ApiModelValidationTest {

  static final Map<String, Supplier<SdkPojo>> SDK_REQUESTS =
      Map.of(
          "Processing", () -> (SdkPojo) CreateProcessingJobRequest.builder(),
          "Training", () -> (SdkPojo) CreateTrainingJobRequest.builder(),
          "Transform", () -> (SdkPojo) CreateTransformJobRequest.builder(),
          "Model", () -> (SdkPojo) CreateModelRequest.builder(),
          "RegisterModel", () -> (SdkPojo) CreateModelPackageRequest.builder());

  static final Map<String, String> BOTOCORE_SHAPES =
      Map.of(
          "Processing", "CreateProcessingJobRequest",
          "Training", "CreateTrainingJobRequest",
          "Transform", "CreateTransformJobRequest",
          "Model", "CreateModelInput",
          "RegisterModel", "CreateModelPackageInput");

  /** Members the pipeline service fills in itself when it creates the job. */
  static final List<String> FILLED_BY_PIPELINES =
      List.of("ProcessingJobName", "TrainingJobName", "TransformJobName", "ModelName");

  @TempDir Path tmp;

  private JsonNode exampleDefinition() throws Exception {
    return Fixtures.exampleDefinition(tmp);
  }

  @Test
  void exampleDefinition_everyStepArguments_validAgainstSdkRequestModel() throws Exception {
    List<String> types = new ArrayList<>();
    for (JsonNode step : Fixtures.allSteps(exampleDefinition())) {
      String type = step.path("Type").asText();
      if (type.equals("Condition") || type.equals("Fail")) {
        continue;
      }
      assertThat(SDK_REQUESTS).as("an API for step type " + type).containsKey(type);
      SdkModelValidator v = new SdkModelValidator();
      Object built = v.validate(step.path("Arguments"), SDK_REQUESTS.get(type).get(), step.path("Name").asText());
      assertThat(v.errors).as(step.path("Name").asText()).isEmpty();
      assertThat(built).isNotNull();
      types.add(type);
    }
    assertThat(types).contains("Processing", "Training", "Transform", "Model", "RegisterModel");
  }

  @Test
  void sdkValidator_rejectsUnknownMembersWrongTypesAndBadEnums() throws Exception {
    JsonNode bad = new ObjectMapper().readTree("""
        {"ProcessingResource": {},
         "ProcessingResources": {"ClusterConfig": {"InstanceCount": "two", "InstanceType": "ml.m5.4xlarge"}},
         "ProcessingInputs": [{"InputName": "x", "S3Input": {"S3DataType": "S3Folder"}}]}""");
    SdkModelValidator v = new SdkModelValidator();
    v.validate(bad, SDK_REQUESTS.get("Processing").get(), "bad");
    assertThat(v.errors).containsExactlyInAnyOrder(
        "bad.ProcessingResource: not a member of CreateProcessingJobRequest",
        "bad.ProcessingResources.ClusterConfig.InstanceCount: expected an integer, found STRING",
        "bad.ProcessingInputs[0].S3Input.S3DataType: 'S3Folder' is not a value of ProcessingS3DataType");
  }

  @Test
  void sparkImageAccounts_matchTheSdkImageConfig_whenPresent() throws Exception {
    Path config = SharedReference.require("sagemaker-reference/api-model/sdk-v2.257.6_image_uri_config_spark.json");
    JsonNode registries = new ObjectMapper().readTree(config.toFile()).at("/processing/versions/3.5/registries");
    assertThat(registries.size()).isGreaterThan(20);
    ContainerImages.SPARK_ACCOUNTS.forEach((region, account) ->
        assertThat(registries.path(region).asText()).as(region).isEqualTo(account));
  }

  static Path sharedApiModel() {
    return SharedReference.require("sagemaker-reference/api-model/botocore-1.43.11_sagemaker_service-2.json");
  }


  @Test
  void exampleDefinition_everyStepArguments_validAgainstBotocoreModel_whenPresent() throws Exception {
    Path model = sharedApiModel();
    BotocoreValidator v = new BotocoreValidator(new ObjectMapper().readTree(model.toFile()).path("shapes"), FILLED_BY_PIPELINES);
    int checked = 0;
    for (JsonNode step : Fixtures.allSteps(exampleDefinition())) {
      String shape = BOTOCORE_SHAPES.get(step.path("Type").asText());
      if (shape != null) {
        v.structure(step.path("Arguments"), shape, step.path("Name").asText(), true);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(11);
    assertThat(v.errors).isEmpty();
    v.structure(new ObjectMapper().readTree("{\"RoleArn\": \"not-an-arn\"}"), "CreateProcessingJobRequest", "bad", true);
    assertThat(v.errors).contains("bad: missing required ProcessingResources", "bad: missing required AppSpecification")
        .anyMatch(e -> e.startsWith("bad.RoleArn: does not match"));
  }
}
