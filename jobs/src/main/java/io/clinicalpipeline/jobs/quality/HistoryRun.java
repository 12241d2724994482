package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run's metrics as the history keeps them: when it ran (ISO-8601 UTC), its tags (checkpoint and any
 * user tags) and named values ({@code size.encounters}, {@code completeness.observations.value_numeric},
 * {@code violations.<check>}). Counts and shares only, never values from the data.
 */
public record HistoryRun(
    @JsonProperty("run-time") String runTime,
    @JsonProperty("tags") Map<String, String> tags,
    @JsonProperty("metrics") Map<String, Double> metrics) {

  public HistoryRun {
    tags = tags == null ? Map.of() : new TreeMap<>(tags);
    metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
  }

  /** Whether every tag of {@code wanted} is on this run. */
  public boolean hasTags(Map<String, String> wanted) {
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
  }
}
