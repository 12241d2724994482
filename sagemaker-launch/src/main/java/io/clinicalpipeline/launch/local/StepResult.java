package io.clinicalpipeline.launch.local;

import java.util.Optional;

/** One line of the step table: step, status, rows, time, cached. */
public record StepResult(String step, Status status, long rows, double seconds, boolean cached, Optional<String> message) {

  /** How a step ended in this run. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    /** Not run: a step before it failed or declined. */
    SKIPPED,
    /** A condition that does not hold ({@link ConditionNotMet}); what follows is skipped, the run succeeds. */
    DECLINED
  }
}
