package io.clinicalpipeline.jobs.quality;

import java.util.Locale;

/** The lower-case words suites, options and reports use for this package's enums. */
final class Labels {

  private Labels() {}

  static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant whose label is {@code value} (any case); fails with {@code expected} and the value. */
  static <E extends Enum<E>> E parse(E[] values, String value, String expected) {
    String v = value == null ? "" : value.strip();
    for (E e : values) {
      if (of(e).equalsIgnoreCase(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException(expected + ": " + value);
  }
}
