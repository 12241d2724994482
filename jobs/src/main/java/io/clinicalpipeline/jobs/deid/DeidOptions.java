package io.clinicalpipeline.jobs.deid;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Options of {@link DeidentifyJob}.
 *
 * @param input the raw layer ({@code OUT/raw}: one Parquet folder per table)
 * @param output the de-identified layer ({@code OUT/deid})
 * @param datePolicy shift (default) or safe-harbor
 * @param replacement how PHI in notes is replaced: surrogates (default) or tags
 * @param keys where the key comes from
 * @param asOf reference date for ages of living patients; null: the latest encounter date of the input
 * @param rowsPerFile rows per output Parquet file (fixes the number of files, hence determinism)
 */
public record DeidOptions(
    String input,
    String output,
    DatePolicy datePolicy,
    ReplacementMode replacement,
    KeySource keys,
    LocalDate asOf,
    long rowsPerFile) {

  public static final long DEFAULT_ROWS_PER_FILE = 1_000_000L;

  public static final String HELP =
      """
      Usage: DeidentifyJob --input OUT/raw --output OUT/deid [options]
        --input DIR            raw layer (Parquet per table, RawSchemas), local path, file:// or s3a://
        --output DIR           de-identified layer
        --date-policy P        shift (default: per-patient keyed offset of 1..365 days back) or safe-harbor (year)
        --replace MODE         surrogates (default) or tags: how PHI found in notes is replaced
        --key-file F           read the key from file F
        --key-env VAR          read the key from environment variable VAR (default CLINICAL_PIPELINE_DEID_KEY)
        --demo-key             a public demo key; refused for s3a:// outputs
        --as-of YYYY-MM-DD     reference date for the ages of living patients (default: latest encounter)
        --rows-per-file N      rows per output file (default 1000000)
      """;

  public static DeidOptions parse(String[] args) {
    Args a =
        Args.parse(
            args,
            Set.of("input", "output", "date-policy", "replace", "key-file", "key-env", "as-of", "rows-per-file"),
            Set.of("demo-key"));
    LocalDate asOf = null;
    if (a.get("as-of") != null) {
      try {
        asOf = LocalDate.parse(a.get("as-of").strip());
      } catch (DateTimeParseException e) {
        throw new UsageException("--as-of must be a date YYYY-MM-DD: " + a.get("as-of"));
      }
    }
    DeidOptions o =
        new DeidOptions(
            a.require("input"),
            a.require("output"),
            DatePolicy.parse(a.get("date-policy", "shift")),
            ReplacementMode.parse("replace", a.get("replace", "surrogates")),
            new KeySource(a.get("key-file"), a.get("key-env"), a.has("demo-key")),
            asOf,
            a.longValue("rows-per-file", DEFAULT_ROWS_PER_FILE));
    o.validate();
    return o;
  }

  public void validate() {
    if (rowsPerFile < 1) {
      throw new UsageException("--rows-per-file must be positive: " + rowsPerFile);
    }
    if (input.strip().equals(output.strip())) {
      throw new UsageException("--output must differ from --input");
    }
  }

  public String[] toArgs() {
    List<String> a = new ArrayList<>(List.of("--input", input, "--output", output));
    a.addAll(List.of("--date-policy", datePolicy.flagValue(), "--replace", replacement.flagValue()));
    a.addAll(keys.toArgs());
    if (asOf != null) {
      a.addAll(List.of("--as-of", asOf.toString()));
    }
    if (rowsPerFile != DEFAULT_ROWS_PER_FILE) {
      a.addAll(List.of("--rows-per-file", String.valueOf(rowsPerFile)));
    }
    return a.toArray(new String[0]);
  }

  @Override
  public String toString() {
    return "DeidOptions[input=" + input + ", output=" + output + ", date-policy=" + datePolicy.flagValue()
        + ", replace=" + replacement.flagValue() + ", key=" + keys + ", as-of=" + asOf + ", rows-per-file="
        + rowsPerFile + "]";
  }
}
