package io.clinicalpipeline.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerTest {

  @TempDir Path tmp;
  Path root;
  Path source;
  Path control;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("out");
    control = tmp.resolve("control");
    source = tmp.resolve("source.txt");
    Files.writeString(source, "x\ny\n", StandardCharsets.UTF_8);
  }

  private RunReport run(String paramB) throws Exception {
    return new LocalRunner(root, new PrintStream(log, true, StandardCharsets.UTF_8))
        .run(TextStep.chain(root, source, control, paramB));
  }

  @Test
  void secondRun_allCacheHits_sameOutputs() throws Exception {
    RunReport first = run("pb");
    assertThat(first.succeeded()).isTrue();
    assertThat(first.executed()).containsExactly("a", "b", "c", "d", "e");
    String e = Files.readString(root.resolve("e/nested/data.txt"));
    RunReport second = run("pb");
    assertThat(second.succeeded()).isTrue();
    assertThat(second.executed()).isEmpty();
    assertThat(second.cacheHits()).isEqualTo(5);
    assertThat(second.step("e").rows()).isEqualTo(4);
    assertThat(Files.readString(root.resolve("e/nested/data.txt"))).isEqualTo(e).contains("x|pa|pb|pc|pe");
    assertThat(second.table()).contains("step", "cached").containsPattern("e\\s+succeeded\\s+4\\s");
  }

  @Test
  void configChange_rerunsExactlyTheDependentSteps() throws Exception {
    run("pb");
    RunReport changed = run("pb2");
    assertThat(changed.executed()).containsExactly("b", "c", "e");
    assertThat(changed.step("a").cached()).isTrue();
    assertThat(changed.step("d").cached()).isTrue();
    assertThat(Files.readString(root.resolve("e/nested/data.txt"))).contains("x|pa|pb2|pc|pe");
  }

  @Test
  void inputChange_rerunsEverything() throws Exception {
    run("pb");
    Files.writeString(source, "x\ny\nz\n", StandardCharsets.UTF_8);
    assertThat(run("pb").executed()).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void failedStep_skipsDependants_commitsNothing_thenRecovers() throws Exception {
    Files.writeString(source, "fail\n", StandardCharsets.UTF_8);
    RunReport failed = run("pb");
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.step("a").status()).isEqualTo(StepResult.Status.FAILED);
    assertThat(failed.step("a").message()).contains("input asks a to fail");
    assertThat(failed.step("e").status()).isEqualTo(StepResult.Status.SKIPPED);
    assertThat(root.resolve("a")).doesNotExist();
    Files.writeString(source, "ok\n", StandardCharsets.UTF_8);
    assertThat(run("pb").executed()).containsExactly("a", "b", "c", "d", "e");
  }

  /** A quality gate: writes its report, then fails when the source holds "fail"; b waits for it. */
  private List<LocalStep> gateThenB() throws Exception {
    LocalStep gate = new LocalStep() {
      public String name() {
        return "gate";
      }

      public List<String> dependsOn() {
        return List.of();
      }

      public List<Path> inputs() {
        return List.of(source);
      }

      public List<String> outputs() {
        return List.of("quality/gate");
      }

      public java.util.Optional<String> report() {
        return java.util.Optional.of("quality/gate/report.html");
      }

      public String configuration() {
        return "gate";
      }

      public long execute(Path staging) throws Exception {
        String in = Files.readString(source, StandardCharsets.UTF_8);
        if (in.contains("crash")) {
          throw new IllegalStateException("crashed before writing");
        }
        Path out = Files.createDirectories(staging.resolve("quality/gate"));
        Files.writeString(out.resolve("report.html"), in.contains("fail") ? "failed" : "passed", StandardCharsets.UTF_8);
        if (in.contains("fail")) {
          throw new io.clinicalpipeline.common.JobRunner.JobException("gate exited with code 1");
        }
        return 1;
      }
    };
    return List.of(gate, new TextStep("b", List.of("gate"), List.of(source), "b", "pb", control));
  }

  private RunReport runGate() throws Exception {
    return new LocalRunner(root, new PrintStream(log, true, StandardCharsets.UTF_8)).run(gateThenB());
  }

  @Test
  void failedReportStep_publishesItsReport_skipsDependants_andIsNeverCached() throws Exception {
    Files.createDirectories(control);
    assertThat(runGate().succeeded()).isTrue();
    assertThat(Files.readString(root.resolve("quality/gate/report.html"))).isEqualTo("passed");

    Files.writeString(source, "fail\n", StandardCharsets.UTF_8);
    RunReport failed = runGate();
    assertThat(failed.step("gate").status()).isEqualTo(StepResult.Status.FAILED);
    assertThat(failed.step("b").status()).isEqualTo(StepResult.Status.SKIPPED);
    Path report = root.resolve("quality/gate/report.html");
    assertThat(Files.readString(report)).as("the failing run's report replaces the passing one").isEqualTo("failed");
    assertThat(failed.step("gate").message()).hasValue("gate exited with code 1; report: " + report);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("[gate] failed: gate exited with code 1; report: " + report);
    assertThat(root.resolve(LocalRunner.STATE_DIR).resolve("staging")).doesNotExist();

    Files.writeString(source, "x\ny\n", StandardCharsets.UTF_8);
    RunReport reverted = runGate();
    assertThat(reverted.step("gate").cached()).as("the failed output is never taken for the passing run's").isFalse();
    assertThat(reverted.executed()).containsExactly("gate");
    assertThat(Files.readString(report)).isEqualTo("passed");

    Files.writeString(source, "crash\n", StandardCharsets.UTF_8);
    RunReport crashed = runGate();
    assertThat(crashed.step("gate").message()).hasValue("java.lang.IllegalStateException (details withheld); it wrote no report");
    assertThat(root.resolve("quality/gate")).as("no stale report of an earlier run").doesNotExist();
  }

  @Test
  void killedRun_leavesNoHalfWrittenOutput_andResumes() throws Exception {
    Files.createDirectories(control);
    Files.writeString(control.resolve("block-c"), "", StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        TextStep.class.getName(), root.toString(), source.toString(), control.toString())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile())
        .start();
    try {
      // Generous: a child JVM on a loaded shared machine can take long to start.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
      while (!Files.exists(control.resolve("started-c")) && Instant.now().isBefore(deadline) && child.isAlive()) {
        Thread.sleep(50);
      }
      assertThat(control.resolve("started-c")).as(Files.readString(tmp.resolve("child.log"))).exists();
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(root.resolve("a/data.txt")).exists();
    assertThat(root.resolve("b/data.txt")).exists();
    assertThat(root.resolve("c")).as("a half-written output must not be visible").doesNotExist();
    assertThat(root.resolve(LocalRunner.STATE_DIR + File.separator + "staging/c/c/data.txt")).exists();

    Files.delete(control.resolve("block-c"));
    RunReport resumed = run("pb");
    assertThat(resumed.succeeded()).isTrue();
    assertThat(resumed.executed()).containsExactly("c", "d", "e");
    assertThat(resumed.step("a").cached()).isTrue();
    assertThat(resumed.step("b").cached()).isTrue();
    assertThat(root.resolve(LocalRunner.STATE_DIR).resolve("staging")).doesNotExist();
    assertThat(Files.readAllLines(root.resolve("c/data.txt"))).hasSize(2);
  }

  @Test
  void outputDeletedByHand_onlyThatStepRunsAgain_whenItRebuildsTheSameManifest() throws Exception {
    run("pb");
    LocalRunner.deleteTree(root.resolve("d"));
    // d's rebuilt manifest has the same digest (timing excluded), so e's inputs are unchanged.
    assertThat(run("pb").executed()).isEqualTo(List.of("d"));
    assertThat(root.resolve("d/data.txt")).exists();
  }
}
