package io.clinicalpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Where the built artifacts of the project are, seen from the end-to-end tests. */
final class Project {

  private Project() {}

  static Path root() {
    String r = System.getProperty("project.root");
    Path p = r == null ? Path.of("..") : Path.of(r);
    return p.toAbsolutePath().normalize();
  }

  static Path sampleData() {
    return root().resolve("sample-data");
  }

  /** The shaded jobs jar: what spark-submit and SageMaker's SparkJarProcessor run. */
  static Path jobsJar() {
    Path target = root().resolve("jobs/target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("clinical-pipeline-jobs-.*-shaded\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no shaded jobs jar in " + target + "; run mvn package"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A folder laid out like a Spark distribution's: {@code jars/} holds Spark's own jars and hadoop-aws. */
  static Path sparkHome() {
    return root().resolve("src/target/spark-home");
  }

  static String sparkClasspath() {
    return sparkHome().resolve("jars").toString() + "/*";
  }

  /** The classpath bin/clinical-pipeline uses. */
  static String launcherClasspath() {
    Path t = root().resolve("sagemaker-launch/target");
    return t.resolve("clinical-pipeline-launch.jar") + java.io.File.pathSeparator + t.resolve("lib") + "/*";
  }

  /** The sample-data generator's classpath: Synthea and its jars, never on a classpath with Spark. */
  static String syntheaClasspath() {
    Path t = root().resolve("sample-data/generator/target");
    if (!Files.isRegularFile(t.resolve("clinical-pipeline-synthea.jar"))) {
      throw new IllegalStateException("no generator jar in " + t + "; run mvn package");
    }
    return t.resolve("clinical-pipeline-synthea.jar") + java.io.File.pathSeparator + t.resolve("lib") + "/*";
  }

  /** The Java 17 flags from the root pom (passed by Surefire/Failsafe as a system property). */
  static List<String> jvmFlags() {
    String flags = System.getProperty("spark.java17.flags", "");
    return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
