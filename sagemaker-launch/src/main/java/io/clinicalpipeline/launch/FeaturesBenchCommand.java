package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.features.FeaturesBench;

/** {@code clinical-pipeline features-bench}: times the feature job against one group-by pass. */
final class FeaturesBenchCommand implements Command {

  @Override
  public String name() {
    return "features-bench";
  }

  @Override
  public String summary() {
    return "time the feature job against one group-by pass over the same events (enlarged data)";
  }

  @Override
  public String help() {
    return """
        Usage: clinical-pipeline features-bench --input OUT/deid --work DIR [--replicate 20] [--task NAME|FILE] [--runs 2]
          --input      de-identified tables to enlarge
          --work       scratch folder: enlarged/, baseline/, features/
          --replicate  copies of every patient, each with new pseudonyms (default 20)
          --task       task spec file or shipped task name (default acute-care-1y)
          --runs       runs of each, alternating; the best time counts (default 2)
        Prints the baseline time, the job time and their ratio (target <= 3).""";
  }

  @Override
  public int run(String[] args) {
    return FeaturesBench.run(args);
  }
}
