package io.clinicalpipeline.common.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * One rule for tests that need something outside the repository (the {@code shared/} reference folder,
 * Chromium, the sample data): in CI ({@code CI=true}, as {@code .ci/run} runs) a missing one fails the test
 * with what to install or mount; elsewhere the test is skipped with that reason, never silently.
 */
public final class Required {

  private Required() {}

  /** Fails in CI, skips elsewhere, unless {@code present}; {@code what} says what is missing and how to get it. */
  public static void that(boolean present, String what) {
    if (present) {
      return;
    }
    if (inCi()) {
      throw new AssertionError("required in CI: " + what);
    }
    Assumptions.abort("not here: " + what);
  }

  /** Whether this is a CI run ({@code CI=true}). */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
