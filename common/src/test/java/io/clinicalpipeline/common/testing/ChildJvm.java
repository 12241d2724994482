package io.clinicalpipeline.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a test, the way a user or a cluster manager would start it: Spark's Java 17 flags (the
 * {@code spark.java17.flags} system property Surefire and Failsafe pass), UTC, loopback Spark, output to a
 * log. For what only shows across processes (a kill mid-run, identical bytes from another JVM, a cluster).
 *
 * <p>Usage: {@code ChildJvm.builder(MyJob.class).heap("-Xmx1g").args("--input", in).log(log).run(300)}.
 */
public final class ChildJvm implements AutoCloseable {

  private static final int TAIL_LINES = 30;

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A JVM running {@code mainClass}. */
  public static Builder builder(String mainClass) {
    return new Builder(mainClass);
  }

  /** A JVM running {@code main}, on this JVM's classpath unless {@link Builder#classpath} says otherwise. */
  public static Builder builder(Class<?> main) {
    return new Builder(main.getName());
  }

  /** What to start; {@link #start} or {@link #run} it. */
  public static final class Builder {
    private final String mainClass;
    private String classpath = System.getProperty("java.class.path");
    private String heap = "-Xmx1g";
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path log;

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    /** The child's classpath; this JVM's by default. */
    public Builder classpath(String cp) {
      this.classpath = cp;
      return this;
    }

    /** The heap flag, e.g. {@code -Xmx2g}; {@code -Xmx1g} by default. */
    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    /** One more JVM option, after Spark's flags. */
    public Builder jvmArg(String a) {
      jvmArgs.add(a);
      return this;
    }

    /** Program arguments, appended. */
    public Builder args(String... a) {
      args.addAll(List.of(a));
      return this;
    }

    /** Program arguments, appended. */
    public Builder args(List<String> a) {
      args.addAll(a);
      return this;
    }

    /** One environment variable for the child. */
    public Builder env(String k, String v) {
      env.put(k, v);
      return this;
    }

    /** Where stdout and stderr go; a temporary file by default. */
    public Builder log(Path log) {
      this.log = log;
      return this;
    }

    /** Starts the child and returns at once. */
    public ChildJvm start() {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add(heap);
      cmd.addAll(sparkFlags());
      cmd.addAll(jvmArgs);
      cmd.add("-cp");
      cmd.add(classpath);
      cmd.add(mainClass);
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      pb.environment().put("TZ", "UTC");
      pb.environment().putAll(env);
      try {
        Path out = log != null ? log : Files.createTempFile("child-jvm", ".log");
        Files.createDirectories(out.toAbsolutePath().getParent());
        pb.redirectOutput(out.toFile());
        return new ChildJvm(pb.start(), out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Starts, waits up to {@code seconds}, returns the exit code and output (or fails on timeout). */
    public Result run(long seconds) {
      try (ChildJvm jvm = start()) {
        return jvm.await(seconds);
      }
    }
  }

  /** How a child ended. */
  public record Result(int exitCode, String output) {}

  /** Waits up to {@code seconds} for the child to end; kills it and fails after that. */
  public Result await(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("child JVM did not finish in " + seconds + " s; log:\n" + output());
      }
      return new Result(process.exitValue(), output());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The running process, for a test that kills it (SIGKILL: {@code process().destroyForcibly()}). */
  public Process process() {
    return process;
  }

  /** Everything the child wrote so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The last 30 lines the child wrote, for a failure message. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Whether the child still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the child if it still runs (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static List<String> sparkFlags() {
    String flags = System.getProperty("spark.java17.flags", "");
    return Arrays.stream(flags.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
