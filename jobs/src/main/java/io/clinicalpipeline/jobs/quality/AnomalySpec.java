package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Anomaly detection over the metrics history: {@code metric} ({@code size}, {@code completeness} or
 * {@code mean}) of {@code table} (may be {@code "*"}) and {@code column}, judged by a Deequ strategy:
 * {@code relative-rate-of-change} (ratio to the previous run outside [{@code max-decrease},
 * {@code max-increase}]), {@code absolute-change} (difference outside those bounds) or
 * {@code online-normal} (more than {@code max-decrease}/{@code max-increase} standard deviations below or
 * above the running mean).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalySpec(
    @JsonProperty("metric") String metric,
    @JsonProperty("table") String table,
    @JsonProperty("column") String column,
    @JsonProperty("strategy") String strategy,
    @JsonProperty("max-decrease") Double maxDecrease,
    @JsonProperty("max-increase") Double maxIncrease,
    @JsonProperty("level") String level) {}
