package io.clinicalpipeline.launch;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.PipelineParameter;
import io.clinicalpipeline.launch.sagemaker.ControlPlane;
import io.clinicalpipeline.launch.sagemaker.DisplayNames;
import io.clinicalpipeline.launch.sagemaker.CostEstimate;
import io.clinicalpipeline.launch.sagemaker.Definition;
import io.clinicalpipeline.launch.sagemaker.DefinitionWriter;
import io.clinicalpipeline.launch.sagemaker.IamPolicy;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code clinical-pipeline sagemaker definition|upsert|start|status|wait|iam-policy --config FILE}. */
public final class SageMakerCommand implements Command {

  static final Set<String> VALUED =
      Set.of("config", "output", "jar", "param", "display-name", "execution-arn", "endpoint", "s3-endpoint", "poll-seconds",
          "timeout-minutes");
  static final Set<String> SWITCHES = Set.of("allow-unencrypted");

  private final PrintStream out;

  public SageMakerCommand() {
    this(System.out);
  }

  SageMakerCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "sagemaker";
  }

  @Override
  public String summary() {
    return "SageMaker pipeline: definition, upsert, start, status, wait, iam-policy";
  }

  @Override
  public String help() {
    return """
        Usage: clinical-pipeline sagemaker <action> --config FILE [options]

        Actions:
          definition   write the pipeline definition (Version 2020-12-01) and print a cost estimate
          upsert       upload the jobs jar and configuration files to S3 (SSE-KMS), create or update the pipeline
          start        start an execution (upsert first); parameters with --param Name=Value
          status       per-step status of an execution (default: the latest)
          wait         like status, repeated until the execution ends; exit 1 unless it succeeded
          iam-policy   print a least-privilege policy for the execution role

        Options:
          --config FILE          the pipeline config (see sagemaker-launch/examples/pipeline.yaml); required
          --output FILE          definition/iam-policy: write there instead of standard output
          --jar FILE             the jobs jar (default: sagemaker.jobs-jar in the config)
          --allow-unencrypted    accept a config without sagemaker.kms-key-id (refused otherwise)
          --param NAME=VALUE     start: a pipeline parameter (repeatable; typed as in the definition)
          --display-name NAME    start: the execution's display name (default: <pipeline>-<yyyyMMdd-HHmmss> UTC)
          --execution-arn ARN    status/wait: the execution (default: the pipeline's latest)
          --poll-seconds N       wait: seconds between polls (default 30)
          --timeout-minutes N    wait: give up after N minutes (default 720)
          --endpoint URL         SageMaker API endpoint override (a VPC endpoint)
          --s3-endpoint URL      S3 endpoint override (path-style)
        Credentials and region come from the AWS default chain and sagemaker.region.""";
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new UsageException("sagemaker needs an action: definition|upsert|start|status|wait|iam-policy");
    }
    String action = args[0];
    Args a = Args.parse(Arrays.copyOfRange(args, 1, args.length), VALUED, SWITCHES);
    PipelineConfig config = PipelineConfig.load(Path.of(a.require("config")));
    PipelineGraph graph = PipelineGraph.of(config);
    SageMaker sm = config.requireSageMaker();
    return switch (action) {
      case "definition" -> definition(graph, a);
      case "iam-policy" -> {
        write(a, IamPolicy.of(config).toPrettyString() + "\n");
        yield 0;
      }
      case "upsert", "start" -> {
        Definition d = DefinitionWriter.write(graph, jar(a, sm), a.has("allow-unencrypted"));
        d.warnings().forEach(w -> System.err.println("warning: " + w));
        try (ControlPlane cp = controlPlane(a, sm)) {
          cp.upload(d.uploads(), sm);
          cp.upsert(d, sm, "clinical-pipeline: " + config.name());
          if (action.equals("start")) {
            String display = Optional.ofNullable(a.get("display-name"))
                .orElseGet(() -> DisplayNames.execution(d.pipelineName(), java.time.Instant.now()));
            out.println(cp.start(d.pipelineName(), parameters(graph, a), display));
          }
        }
        yield 0;
      }
      case "status", "wait" -> {
        try (ControlPlane cp = controlPlane(a, sm)) {
          String arn = Optional.ofNullable(a.get("execution-arn"))
              .or(() -> cp.latestExecution(config.name()))
              .orElseThrow(() -> new UsageException("pipeline " + config.name() + " has no executions"));
          ControlPlane.Snapshot s;
          if (action.equals("status")) {
            s = cp.status(arn);
            cp.print(s);
            yield s.status().equals("Failed") ? 1 : 0;
          }
          s = cp.await(arn, Duration.ofSeconds(a.intValue("poll-seconds", 30)),
              Duration.ofMinutes(a.intValue("timeout-minutes", 720)));
          yield s.status().equals("Succeeded") ? 0 : 1;
        }
      }
      default -> throw new UsageException("unknown sagemaker action '" + action + "'");
    };
  }

  private int definition(PipelineGraph graph, Args a) throws Exception {
    SageMaker sm = graph.config().requireSageMaker();
    Definition d = DefinitionWriter.write(graph, jar(a, sm), a.has("allow-unencrypted"));
    d.warnings().forEach(w -> System.err.println("warning: " + w));
    write(a, d.toJson());
    PrintStream info = a.has("output") ? out : System.err;
    info.print(CostEstimate.of(graph).render(sm.spotDiscount()));
    return 0;
  }

  private void write(Args a, String text) throws Exception {
    if (a.has("output")) {
      Path p = Path.of(a.get("output"));
      if (p.toAbsolutePath().getParent() != null) {
        Files.createDirectories(p.toAbsolutePath().getParent());
      }
      Files.writeString(p, text, StandardCharsets.UTF_8);
      out.println("wrote " + p);
    } else {
      out.print(text);
    }
  }

  private static Path jar(Args a, SageMaker sm) {
    if (a.has("jar")) {
      return Path.of(a.get("jar"));
    }
    Path p = Path.of(sm.jobsJar());
    String home = System.getProperty("clinical-pipeline.home");
    return p.isAbsolute() || home == null || Files.exists(p) ? p : Path.of(home).resolve(p);
  }

  static Map<String, String> parameters(PipelineGraph graph, Args a) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String kv : a.all("param")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--param must be NAME=VALUE: " + kv);
      }
      String name = kv.substring(0, eq);
      PipelineParameter p;
      try {
        p = graph.parameter(name);
        values.put(name, String.valueOf(p.parse(kv.substring(eq + 1))));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--param " + e.getMessage());
      }
    }
    return values;
  }

  private ControlPlane controlPlane(Args a, SageMaker sm) {
    return ControlPlane.create(sm.region(), Optional.ofNullable(a.get("endpoint")).map(URI::create),
        Optional.ofNullable(a.get("s3-endpoint")).map(URI::create), ControlPlane.Retries.standard(), out);
  }
}
