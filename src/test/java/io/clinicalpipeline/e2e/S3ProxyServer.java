package io.clinicalpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real S3 server on loopback: S3Proxy with its filesystem backend, in its own JVM (in-process it would
 * need many test-only dependency overrides next to Spark). Buckets are folders under its base directory.
 */
final class S3ProxyServer implements AutoCloseable {

  static final String IDENTITY = "test-access-key";
  static final String CREDENTIAL = "test-secret-key";

  private final ChildJvm jvm;
  private final int port;
  private final Path baseDir;

  private S3ProxyServer(ChildJvm jvm, int port, Path baseDir) {
    this.jvm = jvm;
    this.port = port;
    this.baseDir = baseDir;
  }

  static S3ProxyServer start(Path workDir) {
    try {
      Path base = Files.createDirectories(workDir.resolve("s3-data"));
      int port = Ports.free();
      Path props = workDir.resolve("s3proxy.properties");
      Files.writeString(
          props,
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + IDENTITY,
              "s3proxy.credential=" + CREDENTIAL,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + base.toAbsolutePath(),
              ""));
      Path jar = Project.root().resolve("src/target/s3proxy/s3proxy.jar");
      ChildJvm jvm =
          ChildJvm.builder("org.gaul.s3proxy.Main")
              .classpath(jar.toString())
              .heap("-Xmx512m")
              .args("--properties", props.toAbsolutePath().toString())
              .log(workDir.resolve("s3proxy.log"))
              .start();
      Ports.awaitListening(port, 60, jvm);
      return new S3ProxyServer(jvm, port, base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a bucket (a folder of the filesystem backend). */
  void createBucket(String name) {
    try {
      Files.createDirectories(baseDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The S3A client settings for this server, as Spark configuration keys. */
  Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.hadoop.fs.s3a.endpoint", endpoint());
    conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
    conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
    conf.put(
        "spark.hadoop.fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.put("spark.hadoop.fs.s3a.access.key", IDENTITY);
    conf.put("spark.hadoop.fs.s3a.secret.key", CREDENTIAL);
    conf.put("spark.hadoop.fs.s3a.directory.marker.retention", "keep");
    conf.put("spark.hadoop.fs.s3a.change.detection.mode", "none");
    return conf;
  }

  @Override
  public void close() {
    jvm.close();
  }
}
