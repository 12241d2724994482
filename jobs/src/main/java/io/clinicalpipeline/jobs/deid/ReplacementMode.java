package io.clinicalpipeline.jobs.deid;

import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.Locale;

/** How found PHI is replaced: typed consistent surrogates, or bracketed tags such as {@code [NAME]}. */
public enum ReplacementMode {
  SURROGATES,
  TAGS;

  public static ReplacementMode parse(String flag, String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + flag + " must be surrogates or tags: " + value);
    }
  }

  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
