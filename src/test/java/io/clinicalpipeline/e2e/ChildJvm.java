package io.clinicalpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM started by a test, the way a user or a cluster manager would start it. */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Builder builder(String mainClass) {
    return new Builder(mainClass);
  }

  static final class Builder {
    private final String mainClass;
    private String classpath;
    private String heap = "-Xmx1g";
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path log;

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    Builder classpath(String cp) {
      this.classpath = cp;
      return this;
    }

    Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    Builder jvmArg(String a) {
      jvmArgs.add(a);
      return this;
    }

    Builder args(String... a) {
      args.addAll(List.of(a));
      return this;
    }

    Builder env(String k, String v) {
      env.put(k, v);
      return this;
    }

    Builder log(Path log) {
      this.log = log;
      return this;
    }

    ChildJvm start() {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add(heap);
      cmd.addAll(Project.jvmFlags());
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

    /** Starts, waits up to {@code seconds}, returns the exit code (or fails on timeout). */
    Result run(long seconds) {
      try (ChildJvm jvm = start()) {
        return jvm.await(seconds);
      }
    }
  }

  record Result(int exitCode, String output) {}

  Result await(long seconds) {
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

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

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
}
