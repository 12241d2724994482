package io.clinicalpipeline.common.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a file of the read-only reference folder {@code shared/} that sits beside the checkout (CI mounts
 * it as {@code ../shared}; a worktree may sit one level deeper). A test that cannot do without it calls
 * {@link #require}: missing, that fails in CI ({@code CI=true}) and skips with the reason elsewhere, through
 * {@link Required}. A fixture that only does more with it calls {@link #optional}: missing, that fails in
 * CI and says on stderr what is left unchecked elsewhere.
 */
public final class SharedReference {

  private SharedReference() {}

  /** {@code shared/<relative>}, which the calling test needs: fails in CI, skips elsewhere, if it is missing. */
  public static Path require(String relative) {
    Path p = find(relative);
    Required.that(Files.exists(p), missing(relative, p));
    return p;
  }

  /**
   * {@code shared/<relative>} if it is there; missing, fails in CI and elsewhere prints {@code unchecked}
   * (what the caller does not check without it) to stderr and returns empty.
   */
  public static Optional<Path> optional(String relative, String unchecked) {
    Path p = find(relative);
    if (Files.exists(p)) {
      return Optional.of(p);
    }
    if (Required.inCi()) {
      throw new AssertionError("required in CI: " + missing(relative, p));
    }
    System.err.println("not here: " + missing(relative, p) + "; " + unchecked);
    return Optional.empty();
  }

  /** {@code shared/<relative>} in the nearest folder above the project root that has it. */
  public static Path find(String relative) {
    String root = System.getProperty("project.root", Path.of("").toAbsolutePath().toString());
    String wanted = "shared/" + relative;
    for (Path dir = Path.of(root).toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(wanted))) {
        return dir.resolve(wanted);
      }
    }
    return Path.of(root).resolve("..").resolve(wanted).normalize();
  }

  private static String missing(String relative, Path looked) {
    return "shared/" + relative + " (the reference folder beside the checkout, mounted as ../shared; looked at "
        + looked + ")";
  }
}
