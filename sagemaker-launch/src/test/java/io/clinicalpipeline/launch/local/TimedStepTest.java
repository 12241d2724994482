package io.clinicalpipeline.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimedStepTest {

  @Test
  void timedSteps_runThroughTheEngine_andTheTableGivesEachStepsShare(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("source.txt");
    Files.writeString(source, "a\nb\n", StandardCharsets.UTF_8);
    Path control = Files.createDirectories(dir.resolve("control"));
    TimedStep first = new TimedStep(new TextStep("first", List.of(), List.of(source), "one", "x", control));
    TimedStep second = new TimedStep(
        new TextStep("second", List.of("first"), List.of(dir.resolve("out/one")), "two", "y", control));
    assertThat(first.timing()).isNull();

    RunReport report = new LocalRunner(dir.resolve("out"), System.err).run(List.of(first, second));

    assertThat(report.succeeded()).isTrue();
    assertThat(Files.readAllLines(dir.resolve("out/two/data.txt"))).containsExactly("a|x|y", "b|x|y");
    assertThat(first.timing().step()).isEqualTo("first");
    assertThat(first.timing().wallSeconds()).isPositive();
    double wall = 2 * (first.timing().wallSeconds() + second.timing().wallSeconds());
    String table = PipelineBench.table(List.of(first, second), wall, 1.0);
    String[] lines = table.split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[1]).startsWith("first ");
    assertThat(lines[2]).startsWith("second ");
    // The two steps took half the run's wall time; the runner's own time is the other half.
    double shares = share(lines[1]) + share(lines[2]);
    assertThat(shares).isBetween(49.8, 50.2);
    assertThat(share(lines[3])).isBetween(49.8, 50.2);
    assertThat(lines[4]).startsWith("total").contains("100.0%");
  }

  /** The wall share column of a table line. */
  private static double share(String line) {
    String[] f = line.trim().split("\\s+");
    return Double.parseDouble(f[2].replace("%", ""));
  }
}
