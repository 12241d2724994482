package io.clinicalpipeline.serve;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Loopback benchmark of the inference server next to its limit, the predictor called in-process: p50/p99
 * latency of single-row requests and rows/s of 1,000-row batches, one client thread against one worker (so
 * rows/s is per server core), each phase bounded in time. CPU seconds are the calling thread's for the
 * in-process phases and the whole process's (client, server, JIT and GC) for the HTTP phases. Prints the 1-minute load average with the
 * figures: on a shared machine they are only comparable at a similar load.
 *
 * <pre>
 * java -cp 'serve/target/clinical-pipeline-serve-0.1.0-SNAPSHOT.jar:serve/target/lib/*' \
 *   io.clinicalpipeline.serve.ServeBenchmark [--model-dir DIR] [--seconds S]
 * </pre>
 *
 * Without {@code --model-dir} it trains a {@link BenchModel} of 980 features and 300 trees first.
 */
public final class ServeBenchmark {

  private static final int BATCH = 1000;

  private ServeBenchmark() {}

  public static void main(String[] args) throws Exception {
    ServeMain.useJdkLogging();
    Path modelDir = null;
    double seconds = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--model-dir" -> modelDir = Path.of(args[i + 1]);
        case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (modelDir == null) {
      modelDir = Files.createTempDirectory("serve-bench");
      BenchModel.write(modelDir, 980, 300);
    }
    long phase = (long) (seconds * 1e9);
    try (Predictor model = Predictor.load(ModelDir.read(modelDir, Optional.empty()))) {
      Random random = new Random(1);
      float[] single = BenchModel.rows(random, 256, model.width());
      float[] batch = BenchModel.rows(random, BATCH, model.width());
      byte[][] singleBodies = new byte[256][];
      for (int r = 0; r < 256; r++) {
        singleBodies[r] = csv(Arrays.copyOfRange(single, r * model.width(), (r + 1) * model.width()), model.width());
      }
      byte[] batchBody = csv(batch, model.width());
      System.out.printf(Locale.ROOT, "model: %d features; batch body %d bytes; %d CPUs; load average %.2f%n",
          model.width(), batchBody.length, Runtime.getRuntime().availableProcessors(), load());

      float[] one = new float[model.width()];
      Phase inProcess = timed(phase, i -> {
        System.arraycopy(single, (int) (i % 256) * model.width(), one, 0, model.width());
        model.predict(one, 1);
      });
      report("in-process single row", inProcess, 1);
      report("in-process batch of 1000", timed(phase, i -> model.predict(batch, BATCH)), BATCH);
      report("in-process parse 1000", timed(phase, i -> CsvRows.parse(batchBody, batchBody.length, model.width())),
          BATCH);

      try (InferenceServer server = InferenceServer.start(model, ServeOptions.loopback(modelDir.toString(), 1))) {
        try (LoopbackClient client = new LoopbackClient(server.port())) {
          report("http single row", timed(phase, i -> check(client.invoke(singleBodies[(int) (i % 256)]), 1),
              ServeBenchmark::processCpu), 1);
          report("http batch of 1000", timed(phase, i -> check(client.invoke(batchBody), BATCH),
              ServeBenchmark::processCpu), BATCH);
        }
      }
      System.out.printf(Locale.ROOT, "load average at the end %.2f%n", load());
    }
  }

  interface Call {
    void run(long i) throws Exception;
  }

  /** Durations of one phase, and the CPU time used during it (the calling thread's, or the process's). */
  record Phase(long[] times, long cpuNanos) {}

  /** Runs {@code call} for {@code nanos} and at least 50 times to warm up (JIT), then for {@code nanos}. */
  private static Phase timed(long nanos, Call call) throws Exception {
    return timed(nanos, call, ServeBenchmark::threadCpu);
  }

  private static Phase timed(long nanos, Call call, java.util.function.LongSupplier cpu) throws Exception {
    long warm = System.nanoTime() + nanos;
    for (long i = 0; i < 50 || System.nanoTime() < warm; i++) {
      call.run(i);
    }
    long[] times = new long[1 << 16];
    int n = 0;
    long cpu0 = cpu.getAsLong();
    long end = System.nanoTime() + nanos;
    while (n < times.length) {
      long t0 = System.nanoTime();
      if (t0 >= end) {
        break;
      }
      call.run(n);
      times[n++] = System.nanoTime() - t0;
    }
    return new Phase(Arrays.copyOf(times, n), cpu.getAsLong() - cpu0);
  }

  private static void report(String what, Phase phase, int rows) {
    long[] sorted = phase.times().clone();
    Arrays.sort(sorted);
    long wall = Arrays.stream(sorted).sum();
    double count = rows * (double) sorted.length;
    System.out.printf(Locale.ROOT,
        "%-24s n=%6d  p50 %8.3f ms  p99 %8.3f ms  %,9.0f rows/s  %,9.0f rows/CPU-s  load %.2f%n",
        what, sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
        count / (wall / 1e9), count / (phase.cpuNanos() / 1e9), load());
  }

  private static void check(byte[] scores, int rows) {
    int lines = 0;
    for (byte b : scores) {
      lines += b == '\n' ? 1 : 0;
    }
    if (lines != rows) {
      throw new IllegalStateException(lines + " scores for " + rows + " rows");
    }
  }

  private static byte[] csv(float[] rows, int width) {
    StringBuilder b = new StringBuilder(rows.length * 3);
    for (int i = 0; i < rows.length; i++) {
      float v = rows[i];
      if (!Float.isNaN(v)) {
        b.append(v == (int) v ? Integer.toString((int) v) : Float.toString(v));
      }
      b.append((i + 1) % width == 0 ? '\n' : ',');
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static long threadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
