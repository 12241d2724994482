package io.clinicalpipeline.jobs.evaluate;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock and process CPU time per step of the evaluation (durations only, nothing from the data):
 * logged, and kept for the benchmark to print. In local mode the executors are threads of this process, so
 * CPU time covers them too; on a cluster it covers the driver only.
 */
final class PassTimer {

  private static final Logger LOG = LoggerFactory.getLogger(PassTimer.class);

  private final List<String> lines = new ArrayList<>();
  private long wall = System.nanoTime();
  private long cpu = cpuNanos();

  void lap(String step) {
    long w = System.nanoTime();
    long c = cpuNanos();
    String line =
        String.format(Locale.ROOT, "%-36s wall %6.1f s, cpu %6.1f s", step, (w - wall) / 1e9, (c - cpu) / 1e9);
    LOG.info("evaluate: {}", line);
    synchronized (lines) {
      lines.add(line);
    }
    wall = w;
    cpu = c;
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
