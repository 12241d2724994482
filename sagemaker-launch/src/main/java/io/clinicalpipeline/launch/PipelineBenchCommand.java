package io.clinicalpipeline.launch;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.local.PipelineBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code clinical-pipeline pipeline-bench [--input DIR] [--work DIR] [--runs N] [--config FILE]}. */
final class PipelineBenchCommand implements Command {

  @Override
  public String name() {
    return "pipeline-bench";
  }

  @Override
  public String summary() {
    return "time every step of run-local with caching off: seconds, CPU seconds, shares, load average";
  }

  @Override
  public String help() {
    return """
        Usage: clinical-pipeline pipeline-bench [--input DIR] [--work DIR] [--runs 1] [--config FILE]
          --input   raw data to run on (default: the project's sample-data)
          --work    scratch folder, emptied per run: run-1/, run-2/... (default: a temporary folder, removed after)
          --runs    runs in this JVM; run 1 starts cold as run-local does, later runs are warm (default 1)
          --config  the pipeline config (default: built-in defaults); the demo key is always used
        Prints per step its wall seconds, CPU seconds of this process, their shares of the run and the
        1-minute load average at its start; then the targets: the whole run <= 90 s from JVM start and
        quality-features <= 10 s, on a quiet 2-core machine. Compare shares and CPU seconds on a busy one.""";
  }

  @Override
  public int run(String[] args) throws Exception {
    Args a = Args.parse(args, Set.of("input", "work", "runs", "config"), Set.of());
    Path input = a.has("input") ? Path.of(a.get("input")) : sampleData();
    int runs = a.intValue("runs", 1);
    if (runs < 1) {
      throw new UsageException("--runs must be at least 1");
    }
    PipelineConfig config = a.has("config") ? PipelineConfig.load(Path.of(a.get("config"))) : PipelineConfig.defaults();
    boolean temporary = !a.has("work");
    Path work = temporary ? Files.createTempDirectory("pipeline-bench") : Path.of(a.get("work"));
    try {
      return new PipelineBench(PipelineGraph.of(config), input, work, System.out).run(runs) ? 0 : 1;
    } finally {
      if (temporary) {
        PipelineBench.remove(work);
      }
    }
  }

  private static Path sampleData() {
    String home = System.getProperty("clinical-pipeline.home", ".");
    Path p = Path.of(home, "sample-data");
    if (!Files.isDirectory(p)) {
      throw new UsageException("--input is required (no sample-data under " + home + ")");
    }
    return p;
  }
}
