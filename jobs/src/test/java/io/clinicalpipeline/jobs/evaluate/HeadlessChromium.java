package io.clinicalpipeline.jobs.evaluate;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a local HTML file through headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs
 * it): the DOM after rendering, or a PNG screenshot. Each call uses a fresh profile folder and no network
 * features, and is killed after {@link #TIMEOUT_SECONDS}.
 */
final class HeadlessChromium {

  static final long TIMEOUT_SECONDS = 120;

  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The first Chromium on the PATH (or the one {@code CHROMIUM} names). */
  static Optional<HeadlessChromium> find() {
    String env = System.getenv("CHROMIUM");
    if (env != null && Files.isExecutable(Path.of(env))) {
      return Optional.of(new HeadlessChromium(Path.of(env)));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(new HeadlessChromium(p));
        }
      }
    }
    return Optional.empty();
  }

  String dumpDom(Path html) throws IOException, InterruptedException {
    return run(html, List.of("--dump-dom"));
  }

  void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(html, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars"));
    if (!Files.exists(png)) {
      throw new IOException("chromium wrote no screenshot");
    }
  }

  private String run(Path html, List<String> action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(executable.toString());
      cmd.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--no-first-run",
              "--user-data-dir=" + profile));
      cmd.addAll(action);
      cmd.add(html.toAbsolutePath().toUri().toString());
      Path stdout = profile.resolve("stdout.txt");
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(stdout.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("chromium exited with " + p.exitValue());
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
