package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.launch.local.StepResult.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The outcome of a local run: one {@link StepResult} per step, printable as the step table. */
public record RunReport(Path root, List<StepResult> steps) {

  /** No step failed: skipped steps follow a failure or a declined condition, and a declined one is no failure. */
  public boolean succeeded() {
    return steps.stream().noneMatch(s -> s.status() == Status.FAILED);
  }

  /** The reasons of declined conditions, in step order. */
  public List<String> declined() {
    return steps.stream().filter(s -> s.status() == Status.DECLINED).map(s -> s.message().orElse("")).toList();
  }

  public long cacheHits() {
    return steps.stream().filter(StepResult::cached).count();
  }

  public List<String> executed() {
    return steps.stream().filter(s -> s.status() == Status.SUCCEEDED && !s.cached()).map(StepResult::step).toList();
  }

  public StepResult step(String name) {
    return steps.stream().filter(s -> s.step().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + name));
  }

  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-18s %-10s %12s %9s %-6s%n", "step", "status", "rows", "time", "cached"));
    for (StepResult s : steps) {
      sb.append(String.format(Locale.ROOT, "%-18s %-10s %12s %8.1fs %-6s%s%n", s.step(),
          s.status().name().toLowerCase(Locale.ROOT), s.rows() > 0 ? String.format(Locale.ROOT, "%,d", s.rows()) : "-",
          s.seconds(), s.cached() ? "yes" : "no", s.message().map(m -> "  " + m).orElse("")));
    }
    return sb.toString();
  }
}
