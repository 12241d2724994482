package io.clinicalpipeline.synthea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Synthea runs with the same options, each in its own JVM as the launcher starts it, side by side.
 * Half a minute on an idle two-core machine, many minutes on a busy one; it runs in every build unless
 * switched off with {@code -Dsynthea.determinism=false}.
 */
@DisabledIfSystemProperty(named = "synthea.determinism", matches = "false")
class SyntheaDeterminismTest {

  @TempDir Path dir;

  @Test
  void generate_sameOptionsTwice_givesIdenticalFiles() throws Exception {
    Process first = start(dir.resolve("a"), dir.resolve("a.log"));
    Process second = start(dir.resolve("b"), dir.resolve("b.log"));
    try {
      assertThat(first.waitFor(15, TimeUnit.MINUTES)).isTrue();
      assertThat(second.waitFor(15, TimeUnit.MINUTES)).isTrue();
    } finally {
      first.destroyForcibly();
      second.destroyForcibly();
    }
    assertThat(first.exitValue()).as(Files.readString(dir.resolve("a.log"))).isZero();
    assertThat(second.exitValue()).isZero();

    List<Path> files = files(dir.resolve("a"));
    assertThat(files).extracting(p -> p.getFileName().toString())
        .contains("patients.csv.gz", "encounters.csv.gz", "Patient.ndjson.gz", "DocumentReference.ndjson.gz")
        .noneMatch(n -> n.startsWith("claims"))
        .anyMatch(n -> n.endsWith(".txt.gz"));
    assertThat(files(dir.resolve("b"))).hasSameSizeAs(files);
    for (Path f : files) {
      Path twin = dir.resolve("b").resolve(dir.resolve("a").relativize(f).toString());
      assertThat(Files.readAllBytes(twin)).as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
    }
    assertThat(ReplicatorTest.lines(dir.resolve("a/csv/patients.csv.gz")).size()).isGreaterThan(1);
    // Progress lines carry counts only: the person lines Synthea prints (with names) are swallowed.
    assertThat(Files.readAllLines(dir.resolve("a.log"))).filteredOn(l -> l.startsWith("sample-data:")).isNotEmpty();
    assertThat(Files.readAllLines(dir.resolve("a.log"))).noneMatch(l -> l.matches("^\\d+ -- .*"));
  }

  private static Process start(Path output, Path log) throws IOException {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), SampleDataMain.class.getName(),
        "--patients", "1", "--seed", "11", "--output", output.toString(), "--years-of-history", "2");
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
