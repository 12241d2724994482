package io.clinicalpipeline.e2e;

import io.clinicalpipeline.common.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster of separate JVMs on 127.0.0.1: one master and two workers started from
 * Spark's own classes, with a Spark-distribution-like home ({@code jars/}) so workers can launch executors.
 */
final class StandaloneCluster implements AutoCloseable {

  private final List<ChildJvm> jvms;
  private final String masterUrl;

  private StandaloneCluster(List<ChildJvm> jvms, String masterUrl) {
    this.jvms = jvms;
    this.masterUrl = masterUrl;
  }

  static StandaloneCluster start(Path workDir, int workers) {
    List<ChildJvm> jvms = new ArrayList<>();
    try {
      Files.createDirectories(workDir);
      int port = Ports.free();
      String sparkHome = Project.sparkHome().toAbsolutePath().toString();
      ChildJvm master =
          ChildJvm.builder("org.apache.spark.deploy.master.Master")
              .classpath(Project.sparkClasspath())
              .heap("-Xmx512m")
              .env("SPARK_HOME", sparkHome)
              .args("--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
                  String.valueOf(Ports.free()))
              .log(workDir.resolve("master.log"))
              .start();
      jvms.add(master);
      Ports.awaitListening(port, 90, master);
      String url = "spark://127.0.0.1:" + port;
      for (int i = 0; i < workers; i++) {
        Path work = Files.createDirectories(workDir.resolve("worker-" + i));
        ChildJvm worker =
            ChildJvm.builder("org.apache.spark.deploy.worker.Worker")
                .classpath(Project.sparkClasspath())
                .heap("-Xmx512m")
                .env("SPARK_HOME", sparkHome)
                // Without it the executor command builder looks for a Spark source build.
                .env("SPARK_SCALA_VERSION", "2.12")
                .args("--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
                    String.valueOf(Ports.free()), "--work-dir", work.toAbsolutePath().toString(), url)
                .log(workDir.resolve("worker-" + i + ".log"))
                .start();
        jvms.add(worker);
      }
      awaitWorkers(workDir, workers, jvms);
      return new StandaloneCluster(jvms, url);
    } catch (IOException e) {
      jvms.forEach(ChildJvm::close);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      jvms.forEach(ChildJvm::close);
      throw e;
    }
  }

  private static void awaitWorkers(Path workDir, int workers, List<ChildJvm> jvms) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      String log = jvms.get(0).output();
      long registered = log.lines().filter(l -> l.contains("Registering worker")).count();
      if (registered >= workers) {
        return;
      }
      for (ChildJvm j : jvms) {
        if (!j.isAlive()) {
          throw new AssertionError("a cluster JVM exited:\n" + j.output());
        }
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("workers did not register with the master:\n" + jvms.get(0).output());
  }

  String masterUrl() {
    return masterUrl;
  }

  @Override
  public void close() {
    for (int i = jvms.size() - 1; i >= 0; i--) {
      jvms.get(i).close();
    }
  }
}
