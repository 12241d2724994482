package io.clinicalpipeline.launch.local;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * A step that measures itself: wall seconds, this process's CPU seconds and the system load average
 * (1 minute) when it started, for the pipeline bench. CPU seconds are what the step cost; wall seconds
 * also count the time other processes took the cores from it, which the load average shows.
 */
public final class TimedStep implements LocalStep {

  /** What one run of the step measured. */
  public record Timing(String step, double wallSeconds, double cpuSeconds, double loadAverage) {}

  private final LocalStep step;
  private Timing timing;

  public TimedStep(LocalStep step) {
    this.step = step;
  }

  /** The measurement of the last {@link #execute}, or null when the step did not run. */
  public Timing timing() {
    return timing;
  }

  @Override
  public String name() {
    return step.name();
  }

  @Override
  public List<String> dependsOn() {
    return step.dependsOn();
  }

  @Override
  public List<Path> inputs() {
    return step.inputs();
  }

  @Override
  public List<String> outputs() {
    return step.outputs();
  }

  @Override
  public String configuration() {
    return step.configuration();
  }

  @Override
  public long execute(Path staging) throws Exception {
    double load = loadAverage();
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    try {
      return step.execute(staging);
    } finally {
      timing = new Timing(step.name(), (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpu) / 1e9, load);
    }
  }

  /** The system load average of the last minute; negative where the platform does not tell. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** CPU time of this process, all threads, in nanoseconds; 0 where the platform does not tell. */
  public static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
  }
}
