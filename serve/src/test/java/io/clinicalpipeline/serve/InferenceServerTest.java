package io.clinicalpipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceServerTest {

  private static final int MAX_BODY = 64 * 1024;

  @TempDir static Path tmp;

  private static Predictor model;
  private static InferenceServer server;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    Path dir = TinyModel.write(tmp.resolve("model"));
    model = Predictor.load(ModelDir.read(dir, Optional.empty()));
    ServeOptions loopback = ServeOptions.loopback(dir.toString(), 4);
    ServeOptions options = new ServeOptions(loopback.modelDir(), Optional.empty(), loopback.host(), 0,
        4, 256, 1, MAX_BODY);
    server = InferenceServer.start(model, options);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void ping_answers200() throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(uri("/ping")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void invocations_concurrentRequests_scoreAsThePredictorInProcess() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      done.add(pool.submit(() -> {
        Random random = new Random(seed);
        int checked = 0;
        for (int i = 0; i < 200; i++) {
          int n = 1 + random.nextInt(5);
          float[] rows = TinyModel.rows(random, n);
          boolean json = (i + seed) % 2 == 0;
          String accept = i % 3 == 0 ? Scores.JSON_LINES : Scores.CSV;
          HttpResponse<String> r = post(json ? Scores.JSON_LINES : Scores.CSV, accept,
              json ? jsonLines(rows, n) : csv(rows, n));
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          assertThat(r.headers().firstValue("Content-Type")).hasValue(accept);
          float[] expected = model.predict(rows, n);
          assertThat(scores(r.body(), accept)).containsExactly(expected);
          checked += n;
        }
        return checked;
      }));
    }
    int rows = 0;
    for (Future<Integer> f : done) {
      rows += f.get();
    }
    pool.shutdown();
    assertThat(rows).isGreaterThan(8 * 200);
  }

  @Test
  void invocations_missingJsonFeature_scoresAsAnEmptyCsvField() throws Exception {
    String csv = "1.5,,2,0,0,0,0,0,0,0,0,3\n";
    String json = "{\"age\":1.5,\"f2_count_365d\":2,\"f3_count_365d\":0,\"f4_count_365d\":0,\"f5_count_365d\":0,"
        + "\"f6_count_365d\":0,\"f7_count_365d\":0,\"f8_count_365d\":0,\"f9_count_365d\":0,\"f10_count_365d\":0,"
        + "\"f11_count_365d\":3,\"sex_F\":null}\n";
    String a = post(Scores.CSV, Scores.CSV, csv).body();
    String b = post(Scores.JSON_LINES, Scores.CSV, json).body();
    assertThat(b).isEqualTo(a);
    float[] row = {1.5f, Float.NaN, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3};
    assertThat(scores(a, Scores.CSV)).containsExactly(model.predict(row, 1));
  }

  @Test
  void malformedPayloads_get4xxNamingLineAndField_andTheServerKeepsAnswering() throws Exception {
    String good = csv(TinyModel.rows(new Random(1), 2), 2);
    String secret = "98765.4321";
    assertRefused(post(Scores.CSV, Scores.CSV, good + "1,2,x" + secret + ",4,5,6,7,8,9,10,11,12\n"),
        400, "line 3, field 3: not a number");
    assertRefused(post(Scores.CSV, Scores.CSV, "1,2," + secret + "\n"), 400, "line 1: 3 fields, the model takes 12");
    assertRefused(post(Scores.CSV, Scores.CSV, good.strip() + "," + secret + "\n"), 400,
        "line 2: more than the model's 12 fields");
    assertRefused(post(Scores.JSON_LINES, Scores.CSV, "{\"age\":1}\n{\"age\":\"" + secret + "\"}\n"), 400,
        "line 2, field \"age\": not a number or null");
    assertRefused(post(Scores.JSON_LINES, Scores.CSV, "{\"age\":1,\"patient_" + secret + "\":2}\n"), 400,
        "line 1, key 2: not a feature of this model");
    assertRefused(post(Scores.JSON_LINES, Scores.CSV, "{\"age\":" + secret + ",\n"), 400, "line 1: not valid JSON");
    assertRefused(post(Scores.JSON_LINES, Scores.CSV, "[" + secret + "]\n"), 400, "line 1: not a JSON object");
    assertRefused(post("application/x-npy", Scores.CSV, secret), 415,
        "Content-Type must be text/csv or application/jsonlines");
    assertRefused(post(Scores.CSV, "application/x-protobuf", good), 406,
        "Accept must be text/csv or application/jsonlines");
    assertRefused(post(Scores.CSV, Scores.CSV, "\n\n"), 400, "no rows in the request body");
    assertRefused(post(Scores.CSV, Scores.CSV, (good + secret + "\n").repeat(MAX_BODY / good.length() + 1)), 413,
        "request body larger than " + MAX_BODY + " bytes");
    byte[] big = (good + secret + "\n").repeat(MAX_BODY / good.length() + 1).getBytes(StandardCharsets.US_ASCII);
    HttpRequest chunked = HttpRequest.newBuilder(uri("/invocations")).header("Content-Type", Scores.CSV)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
    assertRefused(http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413,
        "request body larger than " + MAX_BODY + " bytes");
    assertRefused(http.send(HttpRequest.newBuilder(uri("/invocations")).GET().build(),
        HttpResponse.BodyHandlers.ofString()), 405, "/invocations takes POST");
    assertRefused(http.send(HttpRequest.newBuilder(uri("/models/" + secret)).GET().build(),
        HttpResponse.BodyHandlers.ofString()), 404, "no such path");

    HttpResponse<String> after = post(Scores.CSV, Scores.CSV, good);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(scores(after.body(), Scores.CSV)).hasSize(2);
  }

  @Test
  void executionParameters_sayTheWorkersAndPayloadLimit() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/execution-parameters")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains("\"MaxConcurrentTransforms\":4", "\"BatchStrategy\":\"MULTI_RECORD\"");
  }

  private static void assertRefused(HttpResponse<String> r, int status, String message) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).isEqualTo(message + "\n");
    assertThat(r.body()).doesNotContain("98765", "Exception", "\tat ");
  }

  private static HttpResponse<String> post(String contentType, String accept, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri("/invocations"))
        .header("Content-Type", contentType)
        .header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  static String csv(float[] rows, int n) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < TinyModel.WIDTH; c++) {
        float v = rows[r * TinyModel.WIDTH + c];
        b.append(c == 0 ? "" : ",").append(Float.isNaN(v) ? "" : Float.toString(v));
      }
      b.append(r % 2 == 0 ? "\n" : "\r\n");
    }
    return b.toString();
  }

  static String jsonLines(float[] rows, int n) {
    List<String> names = TinyModel.names();
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < n; r++) {
      b.append('{');
      String sep = "";
      for (int c = TinyModel.WIDTH - 1; c >= 0; c--) {
        float v = rows[r * TinyModel.WIDTH + c];
        if (Float.isNaN(v) && c % 2 == 0) {
          continue;
        }
        b.append(sep).append('"').append(names.get(c)).append("\":")
            .append(Float.isNaN(v) ? "null" : String.format(Locale.ROOT, "%s", v));
        sep = ",";
      }
      b.append("}\n");
    }
    return b.toString();
  }

  static float[] scores(String body, String accept) {
    String[] lines = body.split("\n");
    float[] out = new float[lines.length];
    for (int i = 0; i < lines.length; i++) {
      String s = accept.equals(Scores.JSON_LINES)
          ? lines[i].substring("{\"score\":".length(), lines[i].length() - 1) : lines[i];
      out[i] = Float.parseFloat(s);
    }
    return out;
  }
}
