package io.clinicalpipeline.jobs.deid;

import io.clinicalpipeline.common.JobRunner.UsageException;

/**
 * {@code shift}: every date of a patient moves back by the same keyed number of days (1..365), in every
 * table and in the notes. {@code safe-harbor}: dates keep only their year (HIPAA Safe Harbor).
 */
public enum DatePolicy {
  SHIFT("shift"),
  SAFE_HARBOR("safe-harbor");

  private final String flagValue;

  DatePolicy(String flagValue) {
    this.flagValue = flagValue;
  }

  public String flagValue() {
    return flagValue;
  }

  public static DatePolicy parse(String value) {
    for (DatePolicy p : values()) {
      if (p.flagValue.equalsIgnoreCase(value.strip())) {
        return p;
      }
    }
    throw new UsageException("--date-policy must be shift or safe-harbor: " + value);
  }
}
