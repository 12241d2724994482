package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.deid.DeidBench;

/** {@code clinical-pipeline deid-bench}: note throughput; structured tables and notes vs a plain copy. */
public final class DeidBenchCommand implements Command {

  @Override
  public String name() {
    return "deid-bench";
  }

  @Override
  public String summary() {
    return "measure de-identification: notes MB/s per core, job time vs a plain Parquet copy";
  }

  @Override
  public String help() {
    return DeidBench.HELP;
  }

  @Override
  public int run(String[] args) {
    return DeidBench.run(args);
  }
}
