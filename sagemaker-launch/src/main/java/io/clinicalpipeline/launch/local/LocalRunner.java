package io.clinicalpipeline.launch.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.launch.local.StepResult.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local engine: runs steps in order with step caching and atomic commits.
 *
 * <ul>
 *   <li>Cache key of a step = SHA-256 of its name, its {@link LocalStep#configuration()}, the keys of the
 *       steps it depends on and the digests of its inputs. A step whose key matches its last committed
 *       record, with its outputs present, is a cache hit and does not run.
 *   <li>A running step writes under {@code OUT/.clinical-pipeline/staging/<step>/}; on success each output
 *       folder is renamed into place, then the step's record is written (also by rename). A killed run
 *       leaves at most a staging folder, removed on the next start, and never a half-written output.
 *   <li>So a run started again after a kill resumes: the committed steps are cache hits.
 *   <li>A failed step commits nothing, except a step with a {@link LocalStep#report()} (a quality gate):
 *       its staged outputs replace the previous ones, so the report explains the failure, and its record
 *       is removed, so the failed outputs are never taken for a cache hit.
 * </ul>
 */
public final class LocalRunner {

  public static final String STATE_DIR = ".clinical-pipeline";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final PrintStream log;

  public LocalRunner(Path root, PrintStream log) {
    this.root = root.toAbsolutePath().normalize();
    this.log = log;
  }

  public RunReport run(List<LocalStep> steps) throws IOException {
    Path state = root.resolve(STATE_DIR);
    Path staging = state.resolve("staging");
    Path trash = state.resolve("trash");
    deleteTree(staging);
    deleteTree(trash);
    Files.createDirectories(state.resolve("steps"));
    Map<String, String> keys = new HashMap<>();
    Map<String, Status> statuses = new HashMap<>();
    List<StepResult> results = new ArrayList<>();
    for (LocalStep step : steps) {
      Optional<String> blocked = step.dependsOn().stream()
          .filter(d -> statuses.get(d) != Status.SUCCEEDED)
          .findFirst();
      if (blocked.isPresent()) {
        results.add(new StepResult(step.name(), Status.SKIPPED, 0, 0, false,
            Optional.of("waits for " + blocked.get())));
        statuses.put(step.name(), Status.SKIPPED);
        continue;
      }
      String key = key(step, keys);
      keys.put(step.name(), key);
      StepResult r = runOne(step, key, staging.resolve(step.name()), trash);
      statuses.put(step.name(), r.status());
      results.add(r);
    }
    deleteTree(staging);
    return new RunReport(root, results);
  }

  String key(LocalStep step, Map<String, String> keys) {
    StringBuilder sb = new StringBuilder();
    sb.append("step ").append(step.name()).append('\n');
    sb.append("config ").append(Manifest.sha256(step.configuration())).append('\n');
    for (String d : step.dependsOn()) {
      sb.append("after ").append(d).append(' ').append(keys.get(d)).append('\n');
    }
    for (Path in : step.inputs()) {
      sb.append("input ").append(display(in)).append(' ').append(Digests.of(in)).append('\n');
    }
    return Manifest.sha256(sb.toString());
  }

  private String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(root) ? "OUT/" + root.relativize(abs) : abs.toString();
  }

  private StepResult runOne(LocalStep step, String key, Path staging, Path trash) throws IOException {
    Path recordFile = root.resolve(STATE_DIR).resolve("steps").resolve(step.name() + ".json");
    Optional<StepRecord> previous = readRecord(recordFile);
    boolean outputsPresent = step.outputs().stream().allMatch(o -> Files.exists(root.resolve(o)));
    if (previous.isPresent() && key.equals(previous.get().key) && outputsPresent) {
      log.printf("[%s] cached%n", step.name());
      return new StepResult(step.name(), Status.SUCCEEDED, previous.get().rows, 0, true, Optional.empty());
    }
    log.printf("[%s] running%n", step.name());
    deleteTree(staging);
    Files.createDirectories(staging);
    long start = System.nanoTime();
    long rows;
    try (ProgressTicker ticker = ProgressTicker.start(step.name(), log, ProgressTicker.DEFAULT_PERIOD_SECONDS)) {
      rows = step.execute(staging);
      for (String o : step.outputs()) {
        if (!Files.exists(staging.resolve(o))) {
          throw new JobException("did not write its output " + o);
        }
      }
    } catch (ConditionNotMet e) {
      log.printf("[%s] declined: %s%n", step.name(), e.getMessage());
      deleteTree(staging);
      return new StepResult(step.name(), Status.DECLINED, 0, seconds(start), false, Optional.of(e.getMessage()));
    } catch (Exception | Error e) {
      String message = e instanceof JobException ? e.getMessage() : e.getClass().getName() + " (details withheld)";
      if (step.report().isPresent()) {
        message += publishFailed(step, staging, trash, recordFile);
      }
      log.printf("[%s] failed: %s%n", step.name(), message);
      deleteTree(staging);
      return new StepResult(step.name(), Status.FAILED, 0, seconds(start), false, Optional.of(message));
    }
    if (rows < 0) {
      rows = manifestRows(staging, step.outputs());
    }
    commit(step.name(), step.outputs(), staging, trash);
    double secs = seconds(start);
    writeAtomically(recordFile, JSON.writeValueAsString(new StepRecord(step.name(), key, rows, secs, Instant.now().toString())));
    log.printf("[%s] done in %.1f s, %d rows%n", step.name(), secs, rows);
    return new StepResult(step.name(), Status.SUCCEEDED, rows, secs, false, Optional.empty());
  }

  /**
   * Publishes what a failed report step staged: each output it wrote replaces the committed one, and a
   * committed output it did not write goes away (it would describe an earlier run). Returns the text
   * that tells where the report is.
   */
  private String publishFailed(LocalStep step, Path staging, Path trash, Path recordFile) throws IOException {
    Files.deleteIfExists(recordFile);
    List<String> written = step.outputs().stream().filter(o -> Files.exists(staging.resolve(o))).toList();
    for (String o : step.outputs()) {
      if (!written.contains(o) && Files.exists(root.resolve(o))) {
        Files.createDirectories(trash);
        move(root.resolve(o), trash.resolve(step.name() + "-stale-" + System.nanoTime()));
      }
    }
    commit(step.name(), written, staging, trash);
    Path report = root.resolve(step.report().get());
    return Files.isRegularFile(report) ? "; report: " + report : "; it wrote no report";
  }

  /** Renames each staged output over its target; the previous version goes to trash first, then away. */
  private void commit(String stepName, List<String> outputs, Path staging, Path trash) throws IOException {
    Files.createDirectories(trash);
    int i = 0;
    for (String o : outputs) {
      Path target = root.resolve(o);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        move(target, trash.resolve(stepName + "-" + (i++) + "-" + System.nanoTime()));
      }
      move(staging.resolve(o), target);
    }
    deleteTree(trash);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the output folder must be on the same file system as " + STATE_DIR
          + " so outputs can be committed by rename", e);
    }
  }

  private static long manifestRows(Path staging, List<String> outputs) {
    long rows = 0;
    for (String o : outputs) {
      Path m = staging.resolve(o).resolve(Manifest.FILE_NAME);
      if (Files.isRegularFile(m)) {
        try {
          rows += Manifest.fromJson(Files.readString(m, StandardCharsets.UTF_8)).totalOut();
        } catch (IOException | UncheckedIOException e) {
          // A manifest we cannot read counts no rows; the step itself succeeded.
        }
      }
    }
    return rows;
  }

  private static Optional<StepRecord> readRecord(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), StepRecord.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
