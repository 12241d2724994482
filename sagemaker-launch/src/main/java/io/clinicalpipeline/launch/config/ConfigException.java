package io.clinicalpipeline.launch.config;

import io.clinicalpipeline.common.JobRunner.JobException;

/** A pipeline configuration that cannot be used; the message names the file and the key. */
public final class ConfigException extends JobException {
  public ConfigException(String message) {
    super(message);
  }
}
