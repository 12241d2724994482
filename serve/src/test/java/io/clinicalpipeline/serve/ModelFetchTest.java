package io.clinicalpipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.testing.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Model directories and model.tar.gz read from a real S3 server (S3Proxy in a child JVM, in memory). */
class ModelFetchTest {

  @TempDir static Path tmp;

  private static S3ProxyServer s3proxy;
  private static S3Client s3;
  private static Path local;

  @BeforeAll
  static void start() throws Exception {
    s3proxy = S3ProxyServer.builder(S3ProxyServer.moduleJar("serve"), tmp).credentials("serve-test", "serve-secret")
        .start();
    s3 = S3Client.builder().endpointOverride(s3proxy.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("serve-test", "serve-secret")))
        .build();
    s3.createBucket(b -> b.bucket("models"));
    local = TinyModel.write(tmp.resolve("local"));
  }

  @AfterAll
  static void stop() {
    try (S3ProxyServer server = s3proxy; S3Client client = s3) {
      // closes the client, then the server; either may be null if start failed
    }
  }

  @Test
  void fetch_prefix_readsTheModelDirectoryAndScoresAsTheLocalOne() throws Exception {
    for (String file : new String[] {ModelDir.MODEL_FILE, ModelDir.FEATURE_MANIFEST}) {
      s3.putObject(b -> b.bucket("models").key("risk/v1/" + file), RequestBody.fromFile(local.resolve(file)));
    }
    Path fetched = ModelFetch.fetch(s3, "s3://models/risk/v1", tmp.resolve("from-prefix"));
    assertSameScores(fetched);
  }

  @Test
  void fetch_modelTarGz_isUnpacked() throws Exception {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(archive)) {
      tarEntry(gz, "./" + ModelDir.MODEL_FILE, Files.readAllBytes(local.resolve(ModelDir.MODEL_FILE)));
      tarEntry(gz, ModelDir.FEATURE_MANIFEST, Files.readAllBytes(local.resolve(ModelDir.FEATURE_MANIFEST)));
      gz.write(new byte[1024]);
    }
    s3.putObject(b -> b.bucket("models").key("risk/output/model.tar.gz"), RequestBody.fromBytes(archive.toByteArray()));
    Path fetched = ModelFetch.fetch(s3, "s3://models/risk/output/model.tar.gz", tmp.resolve("from-tar"));
    assertSameScores(fetched);
  }

  @Test
  void untar_entryLeavingTheDirectory_isRefused() throws Exception {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    tarEntry(archive, "../escape", new byte[] {1});
    assertThatThrownBy(() -> ModelFetch.untar(new java.io.ByteArrayInputStream(archive.toByteArray()),
        tmp.resolve("evil"))).hasMessage("model archive entry outside the model directory");
  }

  private static void assertSameScores(Path fetched) throws Exception {
    float[] rows = TinyModel.rows(new Random(9), 20);
    try (Predictor expected = Predictor.load(ModelDir.read(local, Optional.empty()));
        Predictor actual = Predictor.load(ModelDir.read(fetched, Optional.empty()))) {
      assertThat(actual.featureNames()).isEqualTo(TinyModel.names());
      assertThat(actual.predict(rows, 20)).containsExactly(expected.predict(rows, 20));
    }
  }

  /** One ustar entry: header (name, mode, size, type 0, magic, checksum), then the data padded to 512. */
  private static void tarEntry(java.io.OutputStream out, String name, byte[] data) throws IOException {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 124, String.format("%011o", data.length));
    put(h, 136, String.format("%011o", 0));
    h[156] = '0';
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[155] = ' ';
    out.write(h);
    out.write(data);
    out.write(new byte[(512 - data.length % 512) % 512]);
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
