package io.clinicalpipeline.launch.sagemaker;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real S3 server for tests: S3Proxy (copied into target/s3proxy by the build) in a child JVM on a free
 * loopback port, with its in-memory {@code transient} backend, which accepts and echoes SSE headers.
 */
final class S3ProxyServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private S3ProxyServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Path jar() {
    Path here = Path.of("").toAbsolutePath();
    Path module = Files.isDirectory(here.resolve("examples")) ? here : here.resolve("sagemaker-launch");
    return module.resolve("target/s3proxy/s3proxy.jar");
  }

  static S3ProxyServer start(Path workDir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path props = workDir.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + TestCredentials.ACCESS_KEY,
        "s3proxy.credential=" + TestCredentials.SECRET_KEY,
        "jclouds.provider=transient",
        "jclouds.identity=" + TestCredentials.ACCESS_KEY,
        "jclouds.credential=" + TestCredentials.SECRET_KEY,
        ""), StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar().toString(), "--properties", props.toString())
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("s3proxy.log").toFile())
        .start();
    S3ProxyServer server = new S3ProxyServer(p, port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException("S3Proxy exited: " + Files.readString(workDir.resolve("s3proxy.log")));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) server.endpoint().toURL().openConnection();
        c.setConnectTimeout(500);
        c.getResponseCode();
        c.disconnect();
        return server;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    server.close();
    throw new IllegalStateException("S3Proxy did not answer within 180 s");
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
