package io.clinicalpipeline.launch;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.graph.Artifacts;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.local.GraphSteps;
import io.clinicalpipeline.launch.local.LocalRunner;
import io.clinicalpipeline.launch.local.RunReport;
import java.nio.file.Path;
import java.util.Set;

/** {@code clinical-pipeline run-local --input DIR --output DIR [--config FILE] [--demo-key]}. */
public final class RunLocalCommand implements Command {

  @Override
  public String name() {
    return "run-local";
  }

  @Override
  public String summary() {
    return "run the whole pipeline here, with step caching and resume";
  }

  @Override
  public String help() {
    return """
        Usage: clinical-pipeline run-local --input DIR --output DIR [--config FILE] [--demo-key]

        Runs ingest, quality-raw, deidentify, quality-deid, features, quality-features, train, evaluate,
        condition and register in this JVM. A step whose configuration and input manifests are unchanged
        since its last successful run is skipped (cached); a run killed at any step resumes from the last
        completed one when started again. Outputs appear only when complete (staged, then renamed).

        Options:
          --input DIR       raw Synthea CSV or FHIR bulk NDJSON (required)
          --output DIR      a local folder for every output and the run state (required)
          --config FILE     the pipeline config (default: built-in defaults)
          --demo-key        de-identify with the built-in demo key (refused for s3a:// outputs)""";
  }

  @Override
  public int run(String[] args) throws Exception {
    Args a = Args.parse(args, Set.of("input", "output", "config"), Set.of("demo-key"));
    String input = a.require("input");
    String output = a.require("output");
    if (Storage.isS3(output)) {
      throw new UsageException("--output must be a local folder: outputs are committed by rename");
    }
    PipelineConfig config = a.has("config") ? PipelineConfig.load(Path.of(a.get("config"))) : PipelineConfig.defaults();
    if (!a.has("demo-key") && config.deid().keyFile().isEmpty()) {
      throw new UsageException("no pseudonym key: set deid.key-file in the config or pass --demo-key");
    }
    PipelineGraph graph = PipelineGraph.of(config);
    Path root = Path.of(output).toAbsolutePath().normalize();
    RunReport report = new LocalRunner(root, System.err)
        .run(GraphSteps.of(graph, Path.of(input), root, a.has("demo-key")));
    System.out.print(report.table());
    report.declined().forEach(reason -> System.out.println("model not registered: " + reason));
    System.out.println("Reports: " + root.resolve("quality") + "/*/report.html, "
        + root.resolve(Artifacts.folder(Artifacts.EVALUATION)).resolve("evaluation.html"));
    return report.succeeded() ? 0 : 1;
  }
}
