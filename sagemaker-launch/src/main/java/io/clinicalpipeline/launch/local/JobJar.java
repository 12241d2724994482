package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.jobs.train.TrainJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The digest of the jar the jobs run from, for lineage; {@code unpackaged} when they run from classes. */
final class JobJar {

  private JobJar() {}

  static String digest() {
    try {
      Path p = Path.of(TrainJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(p) ? Digests.content(p) : "unpackaged";
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return "unknown";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
