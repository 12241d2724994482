package io.clinicalpipeline.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a local HTML file in headless Chromium (Debian's {@code chromium}, which {@code .ci/run}
 * installs) for report tests: {@link #dumpDom} returns the DOM after rendering, {@link #screenshot} saves a
 * PNG. Every run gets a fresh profile folder and no network, sync or component updates, so a report that
 * tries to load anything from outside simply renders without it.
 *
 * <p>Usage: {@code HeadlessChromium.find().orElseThrow().dumpDom(Path.of("target/report.html"))}.
 */
public final class HeadlessChromium {

  /** What to do where it is missing. */
  public static final String INSTALL = "headless Chromium: apt-get install -y chromium (.ci/run does)";

  /** Where Debian and most distributions put it; {@code CHROMIUM} in the environment overrides. */
  static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  private static final long TIMEOUT_SECONDS = 90;

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The browser, if one is installed. */
  public static Optional<HeadlessChromium> find() {
    String env = System.getenv("CHROMIUM");
    List<String> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(CANDIDATES);
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return Optional.of(new HeadlessChromium(p));
      }
    }
    return Optional.empty();
  }

  /** The serialised DOM of {@code html} after Chromium has parsed and laid it out. */
  public String dumpDom(Path html) throws IOException, InterruptedException {
    return run(html, List.of("--dump-dom"));
  }

  /** Saves a PNG screenshot of {@code html} at the given window size to {@code png}. */
  public void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(html, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars"));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IOException("chromium wrote no screenshot to " + png);
    }
  }

  private String run(Path html, List<String> extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(executable.toString());
      cmd.addAll(
          List.of(
              "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
              "--user-data-dir=" + profile.toAbsolutePath()));
      cmd.addAll(extra);
      cmd.add(html.toAbsolutePath().toUri().toString());
      Path out = Files.createTempFile("chromium-out", ".txt");
      Path err = Files.createTempFile("chromium-err", ".txt");
      try {
        Process p =
            new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
          throw new IOException("chromium exited with " + p.exitValue() + ": "
              + tail(Files.readString(err, StandardCharsets.UTF_8)));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } finally {
      deleteRecursively(profile);
    }
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
