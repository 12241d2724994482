package io.clinicalpipeline.launch.local;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the engine keeps about a committed step: the key it ran under and what it produced. */
public final class StepRecord {
  @JsonProperty public String step;
  @JsonProperty public String key;
  @JsonProperty public long rows;
  @JsonProperty public double seconds;
  @JsonProperty public String finishedAt;

  public StepRecord() {}

  StepRecord(String step, String key, long rows, double seconds, String finishedAt) {
    this.step = step;
    this.key = key;
    this.rows = rows;
    this.seconds = seconds;
    this.finishedAt = finishedAt;
  }
}
