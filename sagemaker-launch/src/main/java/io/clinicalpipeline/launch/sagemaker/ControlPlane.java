package io.clinicalpipeline.launch.sagemaker;

import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackageGroupsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListPipelineExecutionsResponse;
import software.amazon.awssdk.services.sagemaker.model.Parameter;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The AWS calls behind {@code sagemaker upsert|start|status|wait}: upload the files a definition refers to
 * (SSE-KMS), create the model package group when missing, create or update the pipeline, start an
 * execution, report its steps. Both clients retry with the AWS SDK's standard strategy ({@link Retries}):
 * throttling, 5xx and connection errors, exponential backoff with jitter, bounded attempts. A retried
 * request is the same request, so a start keeps its {@code ClientRequestToken} and stays idempotent.
 * Endpoints may be overridden (VPC endpoints; tests use a local server).
 */
public final class ControlPlane implements AutoCloseable {

  private final SageMakerClient sagemaker;
  private final S3Client s3;
  private final PrintStream out;

  public ControlPlane(SageMakerClient sagemaker, S3Client s3, PrintStream out) {
    this.sagemaker = sagemaker;
    this.s3 = s3;
    this.out = out;
  }

  /**
   * How the clients retry: at most {@code maxAttempts} attempts in all, the SDK's standard retry conditions
   * (throttling codes, 5xx, I/O errors), full-jitter exponential backoff from {@code base} up to {@code max}.
   */
  public record Retries(int maxAttempts, Duration base, Duration max) {
    public static Retries standard() {
      return new Retries(8, Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    RetryStrategy strategy() {
      BackoffStrategy backoff = BackoffStrategy.exponentialDelay(base, max);
      return AwsRetryStrategy.standardRetryStrategy().toBuilder()
          .maxAttempts(maxAttempts)
          .backoffStrategy(backoff)
          .throttlingBackoffStrategy(backoff)
          .build();
    }
  }

  /** Clients for {@code region}, with optional endpoint overrides; credentials from the default chain. */
  public static ControlPlane create(
      String region, Optional<URI> sagemakerEndpoint, Optional<URI> s3Endpoint, Retries retries, PrintStream out) {
    var sm = SageMakerClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(retries.strategy()));
    sagemakerEndpoint.ifPresent(sm::endpointOverride);
    var s3b = S3Client.builder()
        .region(Region.of(region))
        .httpClientBuilder(ApacheHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(c -> c.retryStrategy(retries.strategy()));
    s3Endpoint.ifPresent(e -> s3b.endpointOverride(e).forcePathStyle(true));
    return new ControlPlane(sm.build(), s3b.build(), out);
  }

  /**
   * Puts each upload in S3 with SSE-KMS under the configured key (or SSE-S3 when the config has none),
   * skipping objects already there: keys carry the content digest, so an existing key holds the same bytes.
   */
  public List<String> upload(List<Upload> uploads, SageMaker sm) {
    List<String> sent = new ArrayList<>();
    for (Upload u : uploads) {
      if (exists(u)) {
        out.println("  unchanged  " + u.s3Uri());
        continue;
      }
      PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(u.bucket()).key(u.key());
      if (sm.kmsKeyId().isPresent()) {
        put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(sm.kmsKeyId().get());
      } else {
        put.serverSideEncryption(ServerSideEncryption.AES256);
      }
      put.metadata(Map.of("sha256", u.sha256()));
      RequestBody body = u.file() != null ? RequestBody.fromFile(u.file()) : RequestBody.fromBytes(u.content());
      s3.putObject(put.build(), body);
      out.println("  uploaded   " + u.s3Uri());
      sent.add(u.s3Uri());
    }
    return sent;
  }

  private boolean exists(Upload u) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(u.bucket()).key(u.key()));
      return head != null;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Creates the model package group the RegisterModel step registers into when it does not exist yet, then
   * creates the pipeline, or updates it when it exists; returns the pipeline's ARN.
   */
  public String upsert(Definition d, SageMaker sm, String description) {
    ensureModelPackageGroup(sm, description);
    String displayName = DisplayNames.pipeline(d.pipelineName());
    try {
      sagemaker.describePipeline(b -> b.pipelineName(d.pipelineName()));
    } catch (ResourceNotFoundException e) {
      String token = UUID.randomUUID().toString();
      String arn = sagemaker.createPipeline(b -> b
          .pipelineName(d.pipelineName())
          .pipelineDisplayName(displayName)
          .pipelineDefinition(d.toCompactJson())
          .pipelineDescription(description)
          .roleArn(sm.roleArn())
          .clientRequestToken(token)
          .parallelismConfiguration(p -> p.maxParallelExecutionSteps(4))
          .tags(tags(sm))).pipelineArn();
      out.println("created pipeline " + arn);
      return arn;
    }
    String arn = sagemaker.updatePipeline(b -> b
        .pipelineName(d.pipelineName())
        .pipelineDisplayName(displayName)
        .pipelineDefinition(d.toCompactJson())
        .pipelineDescription(description)
        .roleArn(sm.roleArn())
        .parallelismConfiguration(p -> p.maxParallelExecutionSteps(4))).pipelineArn();
    out.println("updated pipeline " + arn);
    return arn;
  }

  /** Idempotent: lists the groups whose name contains ours and creates ours only when none is it. */
  void ensureModelPackageGroup(SageMaker sm, String description) {
    String group = sm.modelPackageGroup();
    String token = null;
    do {
      String t = token;
      ListModelPackageGroupsResponse page =
          sagemaker.listModelPackageGroups(b -> b.nameContains(group).nextToken(t));
      if (page.modelPackageGroupSummaryList().stream().anyMatch(g -> g.modelPackageGroupName().equals(group))) {
        out.println("  model package group " + group + " exists");
        return;
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    String arn = sagemaker.createModelPackageGroup(b -> b
        .modelPackageGroupName(group)
        .modelPackageGroupDescription(description)
        .tags(tags(sm))).modelPackageGroupArn();
    out.println("created model package group " + arn);
  }

  private static List<Tag> tags(SageMaker sm) {
    return sm.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /**
   * Starts an execution with the given parameter values under a display name; returns its ARN. The
   * request token is drawn once, so every retry of this start carries the same one and SageMaker starts
   * at most one execution for it.
   */
  public String start(String pipelineName, Map<String, String> parameters, String displayName) {
    List<Parameter> params = parameters.entrySet().stream()
        .map(e -> Parameter.builder().name(e.getKey()).value(e.getValue()).build())
        .toList();
    String token = UUID.randomUUID().toString();
    String arn = sagemaker.startPipelineExecution(b -> b
        .pipelineName(pipelineName)
        .pipelineExecutionDisplayName(DisplayNames.requireExecution(displayName))
        .pipelineParameters(params)
        .clientRequestToken(token)).pipelineExecutionArn();
    out.println("started execution " + arn);
    return arn;
  }

  /** The most recent execution of the pipeline. */
  public Optional<String> latestExecution(String pipelineName) {
    ListPipelineExecutionsResponse r = sagemaker.listPipelineExecutions(b -> b
        .pipelineName(pipelineName).sortOrder(SortOrder.DESCENDING).maxResults(1));
    return r.pipelineExecutionSummaries().stream().findFirst().map(s -> s.pipelineExecutionArn());
  }

  /** One look at an execution: its status and its steps. */
  public record Snapshot(String status, Optional<String> failureReason, List<PipelineExecutionStep> steps) {
    public boolean done() {
      return status.equals("Succeeded") || status.equals("Failed") || status.equals("Stopped");
    }
  }

  public Snapshot status(String executionArn) {
    DescribePipelineExecutionResponse d =
        sagemaker.describePipelineExecution(b -> b.pipelineExecutionArn(executionArn));
    List<PipelineExecutionStep> steps = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = sagemaker.listPipelineExecutionSteps(b -> b
          .pipelineExecutionArn(executionArn).sortOrder(SortOrder.ASCENDING).nextToken(t));
      steps.addAll(page.pipelineExecutionSteps());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    String status = d.pipelineExecutionStatus() == PipelineExecutionStatus.UNKNOWN_TO_SDK_VERSION
        ? d.pipelineExecutionStatusAsString() : d.pipelineExecutionStatus().toString();
    return new Snapshot(status, Optional.ofNullable(d.failureReason()), steps);
  }

  /** Prints the steps as a table: step, status, attempts, time, cached, failure. */
  public void print(Snapshot s) {
    out.printf(Locale.ROOT, "%-22s %-10s %8s %9s %6s  %s%n", "step", "status", "attempts", "time", "cached", "reason");
    for (PipelineExecutionStep step : s.steps()) {
      String time = "";
      if (step.startTime() != null) {
        Instant end = step.endTime() == null ? Instant.now() : step.endTime();
        time = Duration.between(step.startTime(), end).toSeconds() + "s";
      }
      boolean cached = step.cacheHitResult() != null && step.cacheHitResult().sourcePipelineExecutionArn() != null;
      out.printf(Locale.ROOT, "%-22s %-10s %8s %9s %6s  %s%n", step.stepName(), step.stepStatusAsString(),
          step.attemptCount() == null ? "" : step.attemptCount(), time, cached ? "yes" : "no",
          step.failureReason() == null ? "" : step.failureReason());
    }
    long done = s.steps().stream().filter(x -> "Succeeded".equals(x.stepStatusAsString())).count();
    out.printf(Locale.ROOT, "execution %s: %d of %d steps succeeded so far%s%n", s.status(), done, s.steps().size(),
        s.failureReason().map(r -> "; " + r).orElse(""));
  }

  /** Polls until the execution ends, printing each change; returns the last snapshot. */
  public Snapshot await(String executionArn, Duration poll, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String last = null;
    while (true) {
      Snapshot s = status(executionArn);
      String fingerprint = s.status() + s.steps().stream().map(x -> x.stepName() + x.stepStatusAsString()).toList();
      if (!fingerprint.equals(last)) {
        print(s);
        last = fingerprint;
      }
      if (s.done() || Instant.now().isAfter(deadline)) {
        return s;
      }
      Thread.sleep(poll.toMillis());
    }
  }

  @Override
  public void close() {
    sagemaker.close();
    s3.close();
  }
}
