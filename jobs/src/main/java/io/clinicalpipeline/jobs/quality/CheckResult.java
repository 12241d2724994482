package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One check's result as report.json holds it. {@code metricValue} is what Deequ measured (the compliant
 * share for row checks, the uniqueness, the mean, the row count); {@code violatingRows} and
 * {@code violatingShare} count rows that break the check among {@code applicableRows}; {@code evidence}
 * lists a few violating rows by pseudonymous id only; {@code note} says why a check could not be judged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name", "table", "column", "type", "category", "subcategory", "level", "status", "description",
  "metric", "metricValue", "threshold", "applicableRows", "violatingRows", "violatingShare", "evidence",
  "note"
})
public record CheckResult(
    @JsonProperty("name") String name,
    @JsonProperty("table") String table,
    @JsonProperty("column") String column,
    @JsonProperty("type") String type,
    @JsonProperty("category") String category,
    @JsonProperty("subcategory") String subcategory,
    @JsonProperty("level") String level,
    @JsonProperty("status") String status,
    @JsonProperty("description") String description,
    @JsonProperty("metric") String metric,
    @JsonProperty("metricValue") Double metricValue,
    @JsonProperty("threshold") String threshold,
    @JsonProperty("applicableRows") Long applicableRows,
    @JsonProperty("violatingRows") Long violatingRows,
    @JsonProperty("violatingShare") Double violatingShare,
    @JsonProperty("evidence") List<Map<String, String>> evidence,
    @JsonProperty("note") String note) {

  @JsonIgnore
  public boolean failed() {
    return Status.FAILED.label().equals(status);
  }

  @JsonIgnore
  public boolean isError() {
    return Level.ERROR.label().equals(level);
  }

  static CheckResult of(Rule r, Status status, String metric, Double value, Long applicable, Long violating,
      List<Map<String, String>> evidence, String note) {
    Double share =
        violating == null || applicable == null
            ? null
            : applicable == 0 ? 0.0 : (double) violating / applicable;
    return new CheckResult(
        r.name(),
        r.table(),
        r.column(),
        r.type(),
        r.category().label(),
        r.subcategory(),
        r.level().label(),
        status.label(),
        r.description(),
        metric,
        value,
        r.thresholdText(),
        applicable,
        violating,
        share,
        evidence == null || evidence.isEmpty() ? null : evidence,
        note);
  }
}
