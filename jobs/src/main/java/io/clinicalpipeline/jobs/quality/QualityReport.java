package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clinicalpipeline.common.quality.QualityStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * report.json: the checkpoint's verdict, a summary an analyst reads first, row counts per table, every
 * check's result, and the history of metrics the trend chart draws (oldest first, this run last).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"checkpoint", "runTime", "status", "summary", "tables", "checks", "history"})
public record QualityReport(
    @JsonProperty("checkpoint") String checkpoint,
    @JsonProperty("runTime") String runTime,
    @JsonProperty("status") String status,
    @JsonProperty("summary") Summary summary,
    @JsonProperty("tables") Map<String, Long> tables,
    @JsonProperty("checks") List<CheckResult> checks,
    @JsonProperty("history") List<HistoryRun> history) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The verdict as the shared vocabulary ({@code status} holds its label); empty for an unknown word. */
  public java.util.Optional<QualityStatus> verdict() {
    return QualityStatus.fromLabel(status);
  }

  /** The numbers at the top of the report. */
  @JsonPropertyOrder({"checks", "passed", "failedErrors", "failedWarnings", "notApplicable", "anomalies", "rows"})
  public record Summary(
      @JsonProperty("checks") int checks,
      @JsonProperty("passed") int passed,
      @JsonProperty("failedErrors") int failedErrors,
      @JsonProperty("failedWarnings") int failedWarnings,
      @JsonProperty("notApplicable") int notApplicable,
      @JsonProperty("anomalies") int anomalies,
      @JsonProperty("rows") long rows) {}

  static QualityReport of(
      Checkpoint checkpoint, String runTime, Map<String, Long> tables, List<CheckResult> checks,
      List<HistoryRun> history) {
    int passed = 0;
    int errors = 0;
    int warnings = 0;
    int na = 0;
    int anomalies = 0;
    for (CheckResult c : checks) {
      if (c.failed()) {
        if (c.isError()) {
          errors++;
        } else {
          warnings++;
        }
        if ("anomaly".equals(c.type())) {
          anomalies++;
        }
      } else if (Status.PASSED.label().equals(c.status())) {
        passed++;
      } else {
        na++;
      }
    }
    long rows = tables.values().stream().mapToLong(Long::longValue).sum();
    return new QualityReport(
        checkpoint.label(),
        runTime,
        QualityStatus.of(errors, warnings).label(),
        new Summary(checks.size(), passed, errors, warnings, na, anomalies, rows),
        tables,
        checks,
        history);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static QualityReport fromJson(String json) {
    try {
      return JSON.readValue(json, QualityReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a quality report: " + e.getClass().getSimpleName(), e);
    }
  }

  /** At most this many failed error checks are listed on the console; the report has them all. */
  static final int CONSOLE_FAILED_CHECKS = 20;

  /**
   * One line per failed error-level check (warnings are counted in the summary line only): name and, for
   * row checks, how many rows broke it. Names and counts only, never a value from the data, so the lines
   * are safe for any console or log.
   */
  public List<String> failedCheckLines() {
    List<String> out = new java.util.ArrayList<>();
    List<CheckResult> failed = checks.stream().filter(c -> c.failed() && c.isError()).toList();
    for (CheckResult c : failed.subList(0, Math.min(failed.size(), CONSOLE_FAILED_CHECKS))) {
      String rows =
          c.violatingRows() != null && c.applicableRows() != null
              ? String.format(java.util.Locale.ROOT, ": %,d of %,d rows", c.violatingRows(), c.applicableRows())
              : "";
      out.add("failed " + c.level() + " check " + c.name() + rows);
    }
    if (failed.size() > CONSOLE_FAILED_CHECKS) {
      out.add("and " + (failed.size() - CONSOLE_FAILED_CHECKS) + " more failed error checks in the report");
    }
    return out;
  }

  /** The result of check {@code name}, if the report has it. */
  public java.util.Optional<CheckResult> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
