package io.clinicalpipeline.jobs.features;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Options of {@link FeaturesJob}.
 *
 * @param input the de-identified tables ({@code OUT/deid})
 * @param output where the channels, the examples table and the manifests go ({@code OUT/features})
 * @param task a task spec YAML file, or the name of a shipped task ({@link TaskSpec#SHIPPED})
 * @param inputFormat {@link #DEID} (the de-identified tables) or {@link #MEDS} (a MEDS data set)
 */
public record FeaturesOptions(String input, String output, String task, String inputFormat) {

  public static final String DEID = "deid";
  public static final String MEDS = "meds";

  public FeaturesOptions(String input, String output, String task) {
    this(input, output, task, DEID);
  }

  public static final String USAGE =
      """
      features --input OUT/deid --output OUT/features [--task FILE|NAME] [--input-format deid|meds]
        --input   de-identified tables (Parquet folders patients, encounters, conditions, observations,
                  medications, procedures, notes), or a MEDS data set with --input-format meds
        --output  channels train/ validation/ test/ (CSV), parquet/, transform/test/, examples/,
                  feature_manifest.json, task_spec.yaml, _manifest.json
        --task    task spec YAML file or shipped task name (%s); default %s
        --input-format  deid (default) or meds: a MEDS data set (meds-export's output, or any valid MEDS)
      """
          .formatted(String.join(", ", TaskSpec.SHIPPED), TaskSpec.DEFAULT);

  public static FeaturesOptions parse(String[] args) {
    Args a = Args.parse(args, Set.of("input", "output", "task", "input-format"), Set.of());
    return new FeaturesOptions(a.require("input"), a.require("output"), a.get("task", TaskSpec.DEFAULT),
        a.get("input-format", DEID)).validate();
  }

  public FeaturesOptions validate() {
    if (input == null || input.isBlank()) {
      throw new UsageException("--input is required");
    }
    if (output == null || output.isBlank()) {
      throw new UsageException("--output is required");
    }
    if (task == null || task.isBlank()) {
      throw new UsageException("--task must not be empty");
    }
    if (!DEID.equals(inputFormat) && !MEDS.equals(inputFormat)) {
      throw new UsageException("--input-format must be deid or meds");
    }
    if (input.strip().equals(output.strip())) {
      throw new UsageException("--output must differ from --input");
    }
    return this;
  }

  public String[] toArgs() {
    List<String> out = new ArrayList<>(List.of("--input", input, "--output", output, "--task", task));
    if (MEDS.equals(inputFormat)) {
      out.addAll(List.of("--input-format", MEDS));
    }
    return out.toArray(String[]::new);
  }
}
