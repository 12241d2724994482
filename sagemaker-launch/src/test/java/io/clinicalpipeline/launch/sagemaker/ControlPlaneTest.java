package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** upsert, start, status and wait against a local endpoint that speaks SageMaker's JSON protocol. */
class ControlPlaneTest {

  @TempDir Path tmp;
  FakeSageMaker fake;
  ControlPlane cp;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void credentials() {
    TestCredentials.install();
  }

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSageMaker();
    cp = ControlPlane.create("us-east-1", Optional.of(fake.endpoint()), Optional.empty(),
        new ControlPlane.Retries(4, Duration.ofMillis(5), Duration.ofMillis(20)),
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    cp.close();
    fake.close();
  }

  private Definition definition() throws Exception {
    return DefinitionWriter.write(Fixtures.graph(Fixtures.exampleYaml()), Fixtures.jar(tmp, "jar"), false);
  }

  @Test
  void upsert_createsTheGroupAndPipeline_thenOnlyUpdates() throws Exception {
    Definition d = definition();
    PipelineConfig.SageMaker sm = PipelineConfig.parse("t", Fixtures.exampleYaml()).requireSageMaker();
    String arn = cp.upsert(d, sm, "test");
    assertThat(arn).isEqualTo(FakeSageMaker.ARN_PREFIX + "clinical-pipeline");
    assertThat(fake.operations())
        .containsExactly("ListModelPackageGroups", "CreateModelPackageGroup", "DescribePipeline", "CreatePipeline");
    assertThat(fake.last("CreateModelPackageGroup").body().path("ModelPackageGroupName").asText())
        .isEqualTo("clinical-risk-models");
    assertThat(fake.last("CreateModelPackageGroup").body().path("Tags").toString()).contains("data-classification");
    var create = fake.last("CreatePipeline").body();
    assertThat(create.path("RoleArn").asText()).isEqualTo(sm.roleArn());
    assertThat(create.path("PipelineDisplayName").asText()).isEqualTo("clinical-pipeline");
    assertThat(create.path("Tags").toString()).contains("data-classification");
    assertThat(new ObjectMapper().readTree(create.path("PipelineDefinition").asText())).isEqualTo(d.json());

    cp.upsert(d, sm, "test");
    assertThat(fake.operations()).containsExactly("ListModelPackageGroups", "CreateModelPackageGroup",
        "DescribePipeline", "CreatePipeline", "ListModelPackageGroups", "DescribePipeline", "UpdatePipeline");
    assertThat(fake.last("UpdatePipeline").body().path("PipelineDisplayName").asText()).isEqualTo("clinical-pipeline");
    assertThat(fake.problems).isEmpty();
  }

  @Test
  void upsert_groupThatExists_isNotCreated_aGroupMerelyContainingTheName_doesNotCount() throws Exception {
    PipelineConfig.SageMaker sm = PipelineConfig.parse("t", Fixtures.exampleYaml()).requireSageMaker();
    fake.modelPackageGroups.put("clinical-risk-models-old", "arn:old");
    cp.upsert(definition(), sm, "test");
    assertThat(fake.modelPackageGroups).containsKey("clinical-risk-models");
    fake.calls.clear();
    cp.upsert(definition(), sm, "test");
    assertThat(fake.operations()).doesNotContain("CreateModelPackageGroup");
    assertThat(fake.problems).isEmpty();
  }

  @Test
  void start_sendsTypedParameters() throws Exception {
    fake.pipelines.put("clinical-pipeline", "{}");
    PipelineGraph g = Fixtures.graph(Fixtures.exampleYaml());
    String arn = cp.start("clinical-pipeline", Map.of("MinAuc", String.valueOf(g.parameter("MinAuc").parse("0.8"))),
        "clinical-pipeline-20261204-013000");
    assertThat(arn).endsWith("/execution/abc123");
    var body = fake.last("StartPipelineExecution").body();
    assertThat(body.path("PipelineParameters").toString()).isEqualTo("[{\"Name\":\"MinAuc\",\"Value\":\"0.8\"}]");
    assertThat(body.path("ClientRequestToken").asText()).hasSizeBetween(32, 128);
    assertThat(body.path("PipelineExecutionDisplayName").asText()).isEqualTo("clinical-pipeline-20261204-013000");
    assertThat(fake.problems).isEmpty();
  }

  @Test
  void start_after500And503_isRetriedWithTheSameToken_andSucceeds() {
    fake.pipelines.put("clinical-pipeline", "{}");
    fake.failNext.addAll(List.of(500, 503));
    String arn = cp.start("clinical-pipeline", Map.of(), "clinical-pipeline-run");
    assertThat(arn).endsWith("/execution/abc123");
    List<String> tokens = fake.calls.stream().filter(c -> c.operation().equals("StartPipelineExecution"))
        .map(c -> c.body().path("ClientRequestToken").asText()).toList();
    assertThat(tokens).hasSize(3);
    assertThat(tokens.stream().distinct()).hasSize(1);
    assertThat(fake.problems).isEmpty();
  }

  @Test
  void droppedConnections_areRetried_thenSucceed() {
    fake.dropNext = 2;
    ControlPlane.Snapshot s = cp.status("arn:x");
    assertThat(s.status()).isEqualTo("Executing");
    assertThat(fake.operations()).containsExactly("DescribePipelineExecution", "DescribePipelineExecution",
        "DescribePipelineExecution", "ListPipelineExecutionSteps");
  }

  @Test
  void serverErrors_givesUpAfterMaxAttempts() {
    fake.failNext.addAll(List.of(500, 500, 500, 500, 500, 500));
    assertThatThrownBy(() -> cp.status("arn:x"))
        .isInstanceOf(AwsServiceException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(500));
    assertThat(fake.operations()).hasSize(4);
  }

  @Test
  void status_withFailedStep_reportsTheStepAndReason() {
    fake.executionStatuses.clear();
    fake.executionStatuses.add("Failed");
    fake.steps = List.<String[]>of(new String[] {"Ingest", "Succeeded"},
        new String[] {"Deidentify", "Failed", "ClientError: DeidentifyJob exited with code 1"},
        new String[] {"QualityDeid", "NotStarted"});
    ControlPlane.Snapshot s = cp.status(FakeSageMaker.ARN_PREFIX + "clinical-pipeline/execution/abc123");
    assertThat(s.status()).isEqualTo("Failed");
    assertThat(s.done()).isTrue();
    cp.print(s);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).containsPattern("Deidentify\\s+Failed\\s+1\\s+90s\\s+no\\s+ClientError: DeidentifyJob exited with code 1");
    assertThat(text).contains("execution Failed: 1 of 3 steps succeeded so far; Step failure");
    assertThat(fake.operations()).containsExactly("DescribePipelineExecution", "ListPipelineExecutionSteps");
  }

  @Test
  void wait_pollsUntilTheExecutionEnds() throws Exception {
    fake.executionStatuses.clear();
    fake.executionStatuses.addAll(List.of("Executing", "Executing", "Succeeded"));
    fake.steps = List.<String[]>of(new String[] {"Ingest", "Succeeded"});
    ControlPlane.Snapshot s = cp.await("arn:x", Duration.ZERO, Duration.ofMinutes(1));
    assertThat(s.status()).isEqualTo("Succeeded");
    assertThat(fake.operations().stream().filter("DescribePipelineExecution"::equals)).hasSize(3);
  }

  @Test
  void throttling_retriedWithBackoff_thenSucceeds() throws Exception {
    fake.throttleNext = 2;
    PipelineConfig.SageMaker sm = PipelineConfig.parse("t", Fixtures.exampleYaml()).requireSageMaker();
    cp.upsert(definition(), sm, "test");
    assertThat(fake.operations()).containsExactly("ListModelPackageGroups", "ListModelPackageGroups",
        "ListModelPackageGroups", "CreateModelPackageGroup", "DescribePipeline", "CreatePipeline");
  }

  @Test
  void throttling_givesUpAfterMaxAttempts() {
    fake.throttleNext = 10;
    assertThatThrownBy(() -> cp.status("arn:x"))
        .isInstanceOf(AwsServiceException.class)
        .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
    assertThat(fake.operations()).hasSize(4);
  }
}
