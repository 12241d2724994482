package io.clinicalpipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.ChildJvm;
import io.clinicalpipeline.common.testing.S3ProxyServer;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest job as users run it: from the shaded jobs jar plus Spark's own jars only, in a JVM of its
 * own; on a standalone cluster of separate JVMs; and reading and writing a real S3 server through S3A.
 * Every run must give the same tables as the local run.
 */
class IngestEndToEndIT {

  static final String MAIN = "io.clinicalpipeline.jobs.ingest.IngestJob";
  static final List<String> TABLES =
      List.of("patients", "encounters", "conditions", "observations", "medications", "procedures", "notes",
          "quarantine");

  @TempDir static Path work;
  static Path localOut;

  static String jobClasspath() {
    return Project.jobsJar() + java.io.File.pathSeparator + Project.sparkClasspath();
  }

  static Path subset;

  /** The first patients of the committed sample (CSV and notes): these tests are about where jobs run. */
  static String input() {
    return subset.toString();
  }

  @BeforeAll
  static void runLocally() {
    subset = SampleSubset.write(work.resolve("sample-subset"), 40);
    localOut = work.resolve("local/raw");
    ChildJvm.Result r =
        ChildJvm.builder(MAIN)
            .classpath(jobClasspath())
            .heap("-Xmx2g")
            .jvmArg("-Dspark.master=local[2]")
            .jvmArg("-Dspark.ui.enabled=false")
            .jvmArg("-Dspark.driver.host=127.0.0.1")
            .args("--input", input(), "--format", "csv", "--output", localOut.toString())
            .log(work.resolve("local.log"))
            .run(600);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void shadedJar_runsInItsOwnJvm_andWritesBalancedManifest() throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(localOut.resolve("_manifest.json").toFile());
    assertThat(manifest.path("tables").size()).isGreaterThanOrEqualTo(7);
    manifest.path("tables").fields().forEachRemaining(t -> {
      long in = t.getValue().path("rowsIn").asLong();
      long out = t.getValue().path("rowsOut").asLong();
      long q = t.getValue().path("rowsQuarantined").asLong();
      assertThat(in).as("rows in of %s", t.getKey()).isEqualTo(out + q);
    });
    assertThat(manifest.path("tables").path("patients").path("rowsOut").asLong()).isPositive();
    for (String t : TABLES) {
      assertThat(localOut.resolve(t)).isDirectory();
    }
  }

  @Test
  void standaloneCluster_writesTheSameTablesAsLocalMode() {
    Path out = work.resolve("cluster/raw");
    try (StandaloneCluster cluster = StandaloneCluster.start(work.resolve("cluster-jvms"), 2)) {
      ChildJvm.Result r =
          ChildJvm.builder(MAIN)
              .classpath(jobClasspath())
              .heap("-Xmx1g")
              .jvmArg("-Dspark.master=" + cluster.masterUrl())
              .jvmArg("-Dspark.jars=" + Project.jobsJar())
              .jvmArg("-Dspark.driver.host=127.0.0.1")
              .jvmArg("-Dspark.driver.bindAddress=127.0.0.1")
              .jvmArg("-Dspark.ui.enabled=false")
              .jvmArg("-Dspark.executor.memory=768m")
              .jvmArg("-Dspark.cores.max=2")
              // 200 shuffle partitions of a 40-patient subset is scheduling, not work.
              .jvmArg("-Dspark.sql.shuffle.partitions=8")
              .jvmArg("-Dspark.executor.extraJavaOptions=" + String.join(" ", Project.jvmFlags()))
              .args("--input", input(), "--format", "csv", "--output", out.toString())
              .log(work.resolve("cluster-driver.log"))
              .run(900);
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("spark://127.0.0.1");
    }
    assertSameTables(localOut.toString(), out.toString());
  }

  @Test
  void s3RoundTrip_throughS3a_onARealS3Server() throws IOException {
    try (S3ProxyServer s3 = S3ProxyServer.builder(Project.root().resolve("src/target/s3proxy/s3proxy.jar"), work.resolve("s3"))
        .filesystem().heap("-Xmx512m").start()) {
      s3.createBucket("clinical");
      SparkSession spark = SparkTestSession.get();
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      for (Map.Entry<String, String> e : s3.sparkConf().entrySet()) {
        hadoop.set(e.getKey().substring("spark.hadoop.".length()), e.getValue());
      }
      hadoop.setBoolean("fs.s3a.impl.disable.cache", true);
      FileSystem fs = FileSystem.get(java.net.URI.create("s3a://clinical/"), hadoop);
      for (String folder : List.of("csv", "notes")) {
        fs.copyFromLocalFile(
            new org.apache.hadoop.fs.Path(subset.resolve(folder).toUri()),
            new org.apache.hadoop.fs.Path("s3a://clinical/in/" + folder));
      }

      ChildJvm.Builder job =
          ChildJvm.builder(MAIN)
              .classpath(jobClasspath())
              .heap("-Xmx2g")
              .jvmArg("-Dspark.master=local[2]")
              .jvmArg("-Dspark.ui.enabled=false")
              .jvmArg("-Dspark.driver.host=127.0.0.1")
              .args("--input", "s3a://clinical/in", "--format", "csv", "--output", "s3a://clinical/out/raw")
              .log(work.resolve("s3-job.log"));
      s3.sparkConf().forEach((k, v) -> job.jvmArg("-D" + k + "=" + v));
      ChildJvm.Result r = job.run(900);
      assertThat(r.exitCode()).as(r.output()).isZero();

      assertThat(fs.exists(new org.apache.hadoop.fs.Path("s3a://clinical/out/raw/_manifest.json"))).isTrue();
      assertSameTables(localOut.toString(), "s3a://clinical/out/raw");
      // The objects really are on the S3 server's disk, not in a local folder.
      assertThat(Files.walk(work.resolve("s3/s3-data/clinical")).anyMatch(p -> p.toString().endsWith(".parquet")))
          .isTrue();
    }
  }

  static void assertSameTables(String expectedRoot, String actualRoot) {
    SparkSession spark = SparkTestSession.get();
    for (String t : TABLES) {
      Dataset<Row> expected = spark.read().parquet(expectedRoot + "/" + t);
      Dataset<Row> actual = spark.read().parquet(actualRoot + "/" + t);
      assertThat(actual.count()).as("rows of %s", t).isEqualTo(expected.count());
      assertThat(expected.exceptAll(actual).count()).as("rows of %s missing", t).isZero();
      assertThat(actual.exceptAll(expected).count()).as("rows of %s extra", t).isZero();
    }
  }
}
