package io.clinicalpipeline.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Options of the inference server. Precedence: flag, then SageMaker's environment variables
 * ({@code SAGEMAKER_BIND_TO_PORT}, {@code SAGEMAKER_MODEL_SERVER_WORKERS}, {@code MAX_CONTENT_LENGTH} as
 * the XGBoost container reads them), then the default.
 *
 * @param modelDir a model directory ({@value ModelDir#MODEL_FILE}, optionally {@value ModelDir#FEATURE_MANIFEST})
 * @param featureManifest a feature manifest elsewhere, when the model directory has none
 * @param host address to bind (0.0.0.0 in a container, 127.0.0.1 in tests and benchmarks)
 * @param port port; 0 picks a free one
 * @param workers invocations scored at once (the worker pool)
 * @param queue invocations waiting for a worker before the server answers 503
 * @param ioThreads Undertow I/O threads
 * @param maxBodyBytes largest request body; larger is 413
 */
public record ServeOptions(
    String modelDir,
    Optional<String> featureManifest,
    String host,
    int port,
    int workers,
    int queue,
    int ioThreads,
    int maxBodyBytes) {

  public static final String DEFAULT_MODEL_DIR = "/opt/ml/model";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BODY = 6 * 1024 * 1024;

  public static final String USAGE =
      """
      serve [--model-dir DIR] [--feature-manifest FILE] [--host ADDR] [--port N] [--workers N]
            [--queue N] [--io-threads N] [--max-body-bytes N]
        --model-dir         directory with xgboost-model (and feature_manifest.json); default /opt/ml/model
        --feature-manifest  the features job's feature_manifest.json when the model directory has none
        --host              bind address; default 0.0.0.0
        --port              default $SAGEMAKER_BIND_TO_PORT, else 8080
        --workers           invocations scored at once; default $SAGEMAKER_MODEL_SERVER_WORKERS, else CPUs
        --queue             invocations waiting for a worker, then 503; default 256
        --io-threads        HTTP I/O threads; default 1 per 4 workers, at least 1
        --max-body-bytes    default $MAX_CONTENT_LENGTH, else 6291456 (6 MiB, SageMaker's payload limit)
      """;

  private static final List<String> NAMES =
      List.of("model-dir", "feature-manifest", "host", "port", "workers", "queue", "io-threads", "max-body-bytes");

  /** Parses {@code --name value} or {@code --name=value}; a leading {@code serve} (SageMaker's argument) is skipped. */
  public static ServeOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> given = new java.util.HashMap<>();
    List<String> rest = new ArrayList<>(List.of(args));
    if (!rest.isEmpty() && rest.get(0).equals("serve")) {
      rest.remove(0);
    }
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      int eq = a.indexOf('=');
      String name = a.startsWith("--") ? a.substring(2, eq < 0 ? a.length() : eq) : a;
      if (!a.startsWith("--") || !NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown argument '" + a + "'\n" + USAGE);
      }
      if (eq < 0 && i + 1 == rest.size()) {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      given.put(name, eq < 0 ? rest.get(++i) : a.substring(eq + 1));
    }
    int workers = number(given, env, "workers", "SAGEMAKER_MODEL_SERVER_WORKERS",
        Runtime.getRuntime().availableProcessors());
    ServeOptions o =
        new ServeOptions(
            given.getOrDefault("model-dir", DEFAULT_MODEL_DIR),
            Optional.ofNullable(given.get("feature-manifest")),
            given.getOrDefault("host", "0.0.0.0"),
            number(given, env, "port", "SAGEMAKER_BIND_TO_PORT", DEFAULT_PORT),
            workers,
            number(given, env, "queue", null, 256),
            number(given, env, "io-threads", null, Math.max(1, workers / 4)),
            number(given, env, "max-body-bytes", "MAX_CONTENT_LENGTH", DEFAULT_MAX_BODY));
    o.validate();
    return o;
  }

  /** Loopback options for tests and the benchmark: a free port on 127.0.0.1. */
  public static ServeOptions loopback(String modelDir, int workers) {
    return new ServeOptions(modelDir, Optional.empty(), "127.0.0.1", 0, workers, 256, 1, DEFAULT_MAX_BODY);
  }

  void validate() {
    require(port >= 0 && port <= 65535, "--port must be 0..65535: " + port);
    require(workers >= 1, "--workers must be at least 1: " + workers);
    require(queue >= 0, "--queue must not be negative: " + queue);
    require(ioThreads >= 1, "--io-threads must be at least 1: " + ioThreads);
    require(maxBodyBytes >= 1024 && maxBodyBytes < Integer.MAX_VALUE,
        "--max-body-bytes must be 1024..2147483646: " + maxBodyBytes);
  }

  /** The flags that give these options back to {@link #parse}. */
  public List<String> toArgs() {
    List<String> a = new ArrayList<>(List.of("--model-dir", modelDir));
    featureManifest.ifPresent(m -> a.addAll(List.of("--feature-manifest", m)));
    a.addAll(List.of("--host", host, "--port", String.valueOf(port), "--workers", String.valueOf(workers),
        "--queue", String.valueOf(queue), "--io-threads", String.valueOf(ioThreads),
        "--max-body-bytes", String.valueOf(maxBodyBytes)));
    return a;
  }

  private static int number(Map<String, String> given, Map<String, String> env, String flag, String var, int fallback) {
    String v = given.containsKey(flag) ? given.get(flag) : var == null ? null : env.get(var);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          (given.containsKey(flag) ? "--" + flag : var) + " must be an integer: " + v);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
