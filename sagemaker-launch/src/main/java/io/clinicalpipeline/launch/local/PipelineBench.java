package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.launch.graph.PipelineGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs the whole local graph with caching off (a fresh output folder per run) and prints each step's wall
 * and CPU seconds with its share of the run, and the load average, so that runs on a busy machine can be
 * read by their shares and CPU seconds rather than by wall time alone.
 */
public final class PipelineBench {

  /** The whole run, from JVM start (run 1), on a quiet 2-core machine. */
  public static final double TARGET_RUN_SECONDS = 90;
  /** The quality checks of the features checkpoint. */
  public static final double TARGET_QUALITY_FEATURES_SECONDS = 10;
  static final String QUALITY_FEATURES = "quality-features";

  private final PipelineGraph graph;
  private final Path input;
  private final Path work;
  private final PrintStream out;

  public PipelineBench(PipelineGraph graph, Path input, Path work, PrintStream out) {
    this.graph = graph;
    this.input = input;
    this.work = work.toAbsolutePath().normalize();
    this.out = out;
  }

  /** Runs {@code runs} times; false when a run failed (its step table is printed). */
  public boolean run(int runs) throws IOException {
    for (int i = 1; i <= runs; i++) {
      Path root = work.resolve("run-" + i);
      LocalRunner.deleteTree(root);
      List<TimedStep> steps = GraphSteps.of(graph, input, root, true).stream().map(TimedStep::new).toList();
      double loadBefore = TimedStep.loadAverage();
      double upBefore = uptimeSeconds();
      long cpuBefore = TimedStep.processCpuNanos();
      long start = System.nanoTime();
      RunReport report = new LocalRunner(root, System.err).run(List.copyOf(steps));
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = (TimedStep.processCpuNanos() - cpuBefore) / 1e9;
      if (!report.succeeded()) {
        out.print(report.table());
        return false;
      }
      out.printf(Locale.ROOT, "pipeline-bench run %d of %d: %s, caching off, %d cores, JVM up %.1f s before the first step%n",
          i, runs, input.getFileName(), Runtime.getRuntime().availableProcessors(), upBefore);
      out.print(table(steps, wall, cpu));
      out.printf(Locale.ROOT, "load average (1 min): %.2f at the start, %.2f at the end%n", loadBefore, TimedStep.loadAverage());
      double quality = steps.stream().filter(s -> s.name().equals(QUALITY_FEATURES) && s.timing() != null)
          .mapToDouble(s -> s.timing().wallSeconds()).findFirst().orElse(Double.NaN);
      out.printf(Locale.ROOT, "%s %.1f s (target <= %.0f s); ", QUALITY_FEATURES, quality, TARGET_QUALITY_FEATURES_SECONDS);
      if (i == 1) {
        out.printf(Locale.ROOT, "JVM start to end of run %.1f s (target <= %.0f s on a quiet machine)%n",
            uptimeSeconds(), TARGET_RUN_SECONDS);
      } else {
        out.printf(Locale.ROOT, "run %.1f s in a warm JVM%n", wall);
      }
    }
    return true;
  }

  /** One line per step that ran: wall, share, CPU, share, load at its start; then the totals. */
  static String table(List<TimedStep> steps, double wall, double cpu) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-18s %8s %7s %8s %7s %9s%n", "step", "wall s", "share", "cpu s", "share", "load 1m"));
    double stepsWall = 0;
    double stepsCpu = 0;
    for (TimedStep s : steps) {
      TimedStep.Timing t = s.timing();
      if (t == null) {
        continue;
      }
      stepsWall += t.wallSeconds();
      stepsCpu += t.cpuSeconds();
      sb.append(String.format(Locale.ROOT, "%-18s %8.1f %6.1f%% %8.1f %6.1f%% %9.2f%n", t.step(), t.wallSeconds(),
          share(t.wallSeconds(), wall), t.cpuSeconds(), share(t.cpuSeconds(), cpu), t.loadAverage()));
    }
    sb.append(String.format(Locale.ROOT, "%-18s %8.1f %6.1f%% %8.1f %6.1f%%%n", "(runner)", wall - stepsWall,
        share(wall - stepsWall, wall), cpu - stepsCpu, share(cpu - stepsCpu, cpu)));
    sb.append(String.format(Locale.ROOT, "%-18s %8.1f %6.1f%% %8.1f %6.1f%%%n", "total", wall, 100.0, cpu, 100.0));
    return sb.toString();
  }

  /** Removes a scratch folder the bench made. */
  public static void remove(Path work) throws IOException {
    LocalRunner.deleteTree(work);
  }

  private static double share(double part, double whole) {
    return whole <= 0 ? 0 : 100 * part / whole;
  }

  private static double uptimeSeconds() {
    return ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
  }
}
