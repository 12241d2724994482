package io.clinicalpipeline.jobs.quality;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Options of {@link QualityJob}.
 *
 * <pre>
 * --checkpoint raw|deid|features   which suite and which tables (required)
 * --input DIR                      OUT/raw, OUT/deid or OUT/features (required)
 * --output DIR                     where report.json, report.html (+ statistics.json, constraints.json) go (required)
 * --raw DIR                        OUT/raw: the raw patients for the PHI leak scan (deid checkpoint)
 * --history DIR                    metrics history, one JSON object per run (local, file: or s3a:)
 * --suite FILE                     a suite merged over the checkpoint's defaults
 * --run-time ISO-8601              the run's time in the history (default: now)
 * --tag KEY=VALUE                  a tag on the run in the history (repeatable)
 * </pre>
 */
public record QualityOptions(
    Checkpoint checkpoint,
    String input,
    String output,
    String raw,
    String history,
    String suite,
    String runTime,
    Map<String, String> tags) {

  private static final Set<String> VALUED =
      Set.of("checkpoint", "input", "output", "raw", "history", "suite", "run-time", "tag");

  public static QualityOptions parse(String[] args) {
    Args a = Args.parse(args, VALUED, Set.of());
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(a.require("checkpoint"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
    Map<String, String> tags = new TreeMap<>();
    for (String t : a.all("tag")) {
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--tag must be KEY=VALUE: " + t);
      }
      tags.put(t.substring(0, eq), t.substring(eq + 1));
    }
    QualityOptions o =
        new QualityOptions(
            cp,
            a.require("input"),
            a.require("output"),
            a.get("raw"),
            a.get("history"),
            a.get("suite"),
            a.get("run-time"),
            tags);
    o.validate();
    return o;
  }

  public void validate() {
    if (runTime != null) {
      try {
        Instant.parse(runTime);
      } catch (DateTimeParseException e) {
        throw new UsageException("--run-time must be an ISO-8601 instant like 2024-01-31T12:00:00Z: " + runTime);
      }
    }
    if (tags.containsKey("checkpoint")) {
      throw new UsageException("--tag checkpoint is set by --checkpoint");
    }
  }

  /** The run time to record: --run-time, else now. */
  public String runTimeOrNow() {
    return runTime != null ? Instant.parse(runTime).toString() : Instant.now().toString();
  }

  public String[] toArgs() {
    List<String> out = new ArrayList<>();
    out.add("--checkpoint=" + checkpoint.label());
    out.add("--input=" + input);
    out.add("--output=" + output);
    if (raw != null) {
      out.add("--raw=" + raw);
    }
    if (history != null) {
      out.add("--history=" + history);
    }
    if (suite != null) {
      out.add("--suite=" + suite);
    }
    if (runTime != null) {
      out.add("--run-time=" + runTime);
    }
    tags.forEach((k, v) -> out.add("--tag=" + k + "=" + v));
    return out.toArray(String[]::new);
  }

  @Override
  public String toString() {
    return String.join(" ", toArgs());
  }
}
