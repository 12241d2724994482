package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.S3ProxyServer;
import io.clinicalpipeline.launch.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code clinical-pipeline sagemaker start} end to end: the jar and configuration files go to a real S3
 * server with SSE-KMS, then the pipeline is created and started on the local SageMaker endpoint.
 */
class UploadAndStartTest {

  @TempDir static Path tmp;
  static S3ProxyServer s3proxy;
  static S3Client s3;
  FakeSageMaker fake;

  @BeforeAll
  static void start() throws Exception {
    TestCredentials.install();
    s3proxy = S3ProxyServer.builder(S3ProxyServer.moduleJar("sagemaker-launch"), tmp)
        .credentials(TestCredentials.ACCESS_KEY, TestCredentials.SECRET_KEY).start();
    s3 = S3Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(s3proxy.endpoint())
        .forcePathStyle(true)
        .httpClientBuilder(ApacheHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET_KEY)))
        .build();
    s3.createBucket(b -> b.bucket("example-phi-bucket"));
  }

  @BeforeEach
  void freshControlPlane() throws Exception {
    fake = new FakeSageMaker();
  }

  @AfterEach
  void stopControlPlane() {
    fake.close();
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (s3proxy != null) {
      s3proxy.close();
    }
  }

  private static int cli(ByteArrayOutputStream out, String... args) {
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void start_uploadsJarWithSseKms_createsAndStartsPipeline_thenSkipsUnchangedUploads() throws Exception {
    Path jar = tmp.resolve("clinical-pipeline-jobs.jar");
    Files.writeString(jar, "a jar built for this test", StandardCharsets.UTF_8);
    String[] args = {"sagemaker", "start", "--config", Fixtures.exampleConfig().toString(), "--jar", jar.toString(),
        "--endpoint", fake.endpoint().toString(), "--s3-endpoint", s3proxy.endpoint().toString(), "--param", "MinAuc=0.8"};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(cli(out, args)).as(out.toString(StandardCharsets.UTF_8)).isZero();

    String jarKey = "clinical-pipeline/artifacts/jars/" + DefinitionWriter.sha256(jar) + "/clinical-pipeline-jobs.jar";
    HeadObjectResponse head = s3.headObject(b -> b.bucket("example-phi-bucket").key(jarKey));
    assertThat(head.contentLength()).isEqualTo(Files.size(jar));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.metadata()).containsEntry("sha256", DefinitionWriter.sha256(jar));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("example-phi-bucket").key(jarKey)).asUtf8String())
        .isEqualTo("a jar built for this test");
    assertThat(fake.operations()).containsExactly("ListModelPackageGroups", "CreateModelPackageGroup", "DescribePipeline",
        "CreatePipeline", "StartPipelineExecution");
    assertThat(fake.last("CreatePipeline").body().path("PipelineDefinition").asText()).contains(jarKey);
    assertThat(fake.last("StartPipelineExecution").body().path("PipelineParameters").toString()).contains("MinAuc", "0.8");
    assertThat(fake.last("StartPipelineExecution").body().path("PipelineExecutionDisplayName").asText())
        .matches("clinical-pipeline-\\d{8}-\\d{6}");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("uploaded   s3://example-phi-bucket/" + jarKey);
    assertThat(fake.problems).isEmpty();

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(cli(again, args)).isZero();
    assertThat(again.toString(StandardCharsets.UTF_8)).contains("unchanged  s3://example-phi-bucket/" + jarKey)
        .doesNotContain("uploaded");
    assertThat(fake.operations()).endsWith("DescribePipeline", "UpdatePipeline", "StartPipelineExecution");
  }

  @Test
  void status_ofFailedExecution_exitsOne() {
    fake.executionStatuses.clear();
    fake.executionStatuses.add("Failed");
    fake.steps = java.util.List.<String[]>of(new String[] {"Ingest", "Failed", "AlgorithmError: exit code 1"});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = cli(out, "sagemaker", "status", "--config", Fixtures.exampleConfig().toString(),
        "--endpoint", fake.endpoint().toString());
    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Ingest", "AlgorithmError: exit code 1");
  }
}
