package io.clinicalpipeline.jobs.score;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.jobs.deid.DatePolicy;
import io.clinicalpipeline.jobs.deid.KeySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Options of {@link ScoreJob}.
 *
 * @param model a registered version folder ({@code OUT/registry/<group>/<n>})
 * @param input the de-identified tables to score ({@code OUT/deid} layout), or null with {@code raw}
 * @param raw raw Synthea CSV or FHIR NDJSON to ingest and de-identify first, or null with {@code input}
 * @param output where the predictions and the manifest go
 * @param datePolicy the date policy of de-identification (raw input only; must be the training run's)
 * @param keys the pseudonym key (raw input only; must be the training run's)
 * @param force score a version that is not Approved
 */
public record ScoreOptions(
    String model, String input, String raw, String output, DatePolicy datePolicy, KeySource keys, boolean force) {

  public static final String USAGE =
      """
      score --model OUT/registry/GROUP/N (--input OUT/deid | --raw SRC) --output DIR [options]
        --model DIR        a registered model version (version.json, model/, feature_manifest.json, task_spec.yaml)
        --input DIR        de-identified tables to score
        --raw SRC          raw Synthea CSV or FHIR NDJSON instead: ingested to DIR/staging/raw and
                           de-identified to DIR/staging/deid with the key and date policy below first
        --output DIR       predictions/ (Parquet) and _manifest.json
        --date-policy P    shift (default) or safe-harbor: the training run's policy (with --raw)
        --key-file F       the training run's pseudonym key, from a file (with --raw)
        --key-env VAR      ... or from an environment variable (default CLINICAL_PIPELINE_DEID_KEY)
        --demo-key         ... or the public demo key (refused for s3a:// outputs)
        --force            score a version that is not Approved (PendingManualApproval or Rejected)
      """;

  public static ScoreOptions parse(String[] args) {
    Args a = Args.parse(args, Set.of("model", "input", "raw", "output", "date-policy", "key-file", "key-env"),
        Set.of("demo-key", "force"));
    return new ScoreOptions(a.require("model"), a.get("input"), a.get("raw"), a.require("output"),
        DatePolicy.parse(a.get("date-policy", "shift")),
        new KeySource(a.get("key-file"), a.get("key-env"), a.has("demo-key")), a.has("force")).validate();
  }

  public ScoreOptions validate() {
    if ((input == null) == (raw == null)) {
      throw new UsageException("give exactly one of --input (de-identified tables) and --raw (raw data)");
    }
    String in = input != null ? input : raw;
    if (in.strip().equals(output.strip()) || model.strip().equals(output.strip())) {
      throw new UsageException("--output must differ from --input, --raw and --model");
    }
    return this;
  }

  public String[] toArgs() {
    List<String> a = new ArrayList<>(List.of("--model", model));
    if (input != null) {
      a.addAll(List.of("--input", input));
    } else {
      a.addAll(List.of("--raw", raw, "--date-policy", datePolicy.flagValue()));
      a.addAll(keys.toArgs());
    }
    a.addAll(List.of("--output", output));
    if (force) {
      a.add("--force");
    }
    return a.toArray(String[]::new);
  }

  @Override
  public String toString() {
    return "ScoreOptions[model=" + model + ", input=" + input + ", raw=" + raw + ", output=" + output
        + ", date-policy=" + datePolicy.flagValue() + ", key=" + keys + ", force=" + force + "]";
  }
}
