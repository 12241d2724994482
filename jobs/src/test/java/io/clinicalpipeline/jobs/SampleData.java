package io.clinicalpipeline.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository's {@code sample-data/} for tests that run on it: present whenever the build names the
 * project root and it has CSV and FHIR folders, unless switched off with
 * {@code -Dingest.cross-format.sample-data=false}.
 */
public final class SampleData {

  private SampleData() {}

  public static Optional<Path> dir() {
    String root = System.getProperty("project.root");
    if (root == null || "false".equalsIgnoreCase(System.getProperty("ingest.cross-format.sample-data"))) {
      return Optional.empty();
    }
    Path sample = Path.of(root, "sample-data");
    return Files.isDirectory(sample.resolve("csv")) && Files.isDirectory(sample.resolve("fhir"))
        ? Optional.of(sample)
        : Optional.empty();
  }
}
