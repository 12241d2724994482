package io.clinicalpipeline.common.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a file of the read-only reference folder {@code shared/} that sits beside the checkout (CI mounts
 * it as {@code ../shared}; a worktree may sit one level deeper). Tests that compare with it check it is
 * there with {@link Required}: a failure in CI, a skip with the reason elsewhere.
 */
public final class SharedReference {

  private SharedReference() {}

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
}
