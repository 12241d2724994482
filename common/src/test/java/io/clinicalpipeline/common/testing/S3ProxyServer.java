package io.clinicalpipeline.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server on loopback for tests: S3Proxy in its own {@link ChildJvm} (in-process it would need
 * many test-only dependency overrides next to Spark) on a free port, with either its in-memory
 * {@code transient} backend (which accepts and echoes SSE headers) or its {@code filesystem} backend, where
 * buckets are folders under {@code workDir/s3-data}.
 *
 * <p>The jar is not on any classpath: each module that uses this copies it into
 * {@code target/s3proxy/s3proxy.jar} with maven-dependency-plugin ({@link #moduleJar}).
 *
 * <p>Usage: {@code S3ProxyServer.builder(S3ProxyServer.moduleJar("serve"), workDir).credentials(id, secret).start()}.
 */
public final class S3ProxyServer implements AutoCloseable {

  /** Identity and credential used unless {@link Builder#credentials} sets others. */
  public static final String IDENTITY = "test-access-key";
  public static final String CREDENTIAL = "test-secret-key";

  private static final long START_SECONDS = 180;

  private final ChildJvm jvm;
  private final int port;
  private final Path baseDir;
  private final String identity;
  private final String credential;

  private S3ProxyServer(ChildJvm jvm, int port, Path baseDir, String identity, String credential) {
    this.jvm = jvm;
    this.port = port;
    this.baseDir = baseDir;
    this.identity = identity;
    this.credential = credential;
  }

  /**
   * {@code <module>/target/s3proxy/s3proxy.jar}, whether the test runs in the module folder (Maven) or in
   * the project root (an IDE); {@code module} is the module's folder, e.g. {@code sagemaker-launch}.
   */
  public static Path moduleJar(String module) {
    Path here = Path.of("").toAbsolutePath();
    Path base = here.getFileName() != null && here.getFileName().toString().equals(module) ? here : here.resolve(module);
    return base.resolve("target/s3proxy/s3proxy.jar");
  }

  /** A server from {@code jar} that keeps its properties and log in {@code workDir}. */
  public static Builder builder(Path jar, Path workDir) {
    return new Builder(jar, workDir);
  }

  /** What to start. */
  public static final class Builder {
    private final Path jar;
    private final Path workDir;
    private boolean filesystem;
    private String identity = IDENTITY;
    private String credential = CREDENTIAL;
    private String heap = "-Xmx256m";

    private Builder(Path jar, Path workDir) {
      this.jar = jar;
      this.workDir = workDir;
    }

    /** Buckets as folders under {@code workDir/s3-data} instead of in memory. */
    public Builder filesystem() {
      this.filesystem = true;
      return this;
    }

    /** The access key and secret the server accepts (S3 signatures v2 or v4). */
    public Builder credentials(String identity, String credential) {
      this.identity = identity;
      this.credential = credential;
      return this;
    }

    /** The server JVM's heap flag; {@code -Xmx256m} by default. */
    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    /** Starts the server and waits until it answers HTTP (up to 180 s). */
    public S3ProxyServer start() {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("no S3Proxy jar at " + jar + "; the module's build copies it (mvn package)");
      }
      try {
        Path base = workDir.resolve("s3-data");
        Files.createDirectories(filesystem ? base : workDir);
        int port = freePort();
        Path props = workDir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + identity,
            "s3proxy.credential=" + credential,
            filesystem ? "jclouds.provider=filesystem" : "jclouds.provider=transient",
            filesystem ? "jclouds.filesystem.basedir=" + base.toAbsolutePath() : "",
            "jclouds.identity=" + identity,
            "jclouds.credential=" + credential,
            ""), StandardCharsets.UTF_8);
        ChildJvm jvm = ChildJvm.builder("org.gaul.s3proxy.Main")
            .classpath(jar.toAbsolutePath().toString())
            .heap(heap)
            .args("--properties", props.toAbsolutePath().toString())
            .log(workDir.resolve("s3proxy.log"))
            .start();
        S3ProxyServer server = new S3ProxyServer(jvm, port, base, identity, credential);
        server.awaitAnswer();
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void awaitAnswer() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!jvm.isAlive()) {
        throw new IllegalStateException("S3Proxy exited:\n" + jvm.tail());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
        c.setConnectTimeout(500);
        c.getResponseCode();
        c.disconnect();
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    close();
    throw new IllegalStateException("S3Proxy did not answer within " + START_SECONDS + " s:\n" + jvm.tail());
  }

  /** Creates a bucket without a client (a folder of the filesystem backend). */
  public void createBucket(String name) {
    try {
      Files.createDirectories(baseDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The S3A client settings for this server, as Spark configuration keys. */
  public Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.hadoop.fs.s3a.endpoint", endpoint().toString());
    conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
    conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
    conf.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.put("spark.hadoop.fs.s3a.access.key", identity);
    conf.put("spark.hadoop.fs.s3a.secret.key", credential);
    conf.put("spark.hadoop.fs.s3a.directory.marker.retention", "keep");
    conf.put("spark.hadoop.fs.s3a.change.detection.mode", "none");
    return conf;
  }

  @Override
  public void close() {
    jvm.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
