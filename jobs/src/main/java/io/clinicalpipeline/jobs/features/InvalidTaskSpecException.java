package io.clinicalpipeline.jobs.features;

import io.clinicalpipeline.common.JobRunner.JobException;

/** A task spec that cannot be used; the message names the offending key and never quotes patient data. */
public final class InvalidTaskSpecException extends JobException {
  public InvalidTaskSpecException(String message) {
    super(message);
  }
}
