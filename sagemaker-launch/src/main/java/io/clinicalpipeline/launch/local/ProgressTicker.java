package io.clinicalpipeline.launch.local;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Prints a line every few seconds while a step runs, so a long step is never silent: elapsed time and,
 * when the step runs Spark, the tasks done in its active stages. Counts only, never data.
 */
final class ProgressTicker implements AutoCloseable {

  static final long DEFAULT_PERIOD_SECONDS = 10;

  private final ScheduledExecutorService timer;

  private ProgressTicker(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts ticking for {@code step}; {@link #close()} stops it. */
  static ProgressTicker start(String step, PrintStream log, long periodSeconds) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress-" + step);
      t.setDaemon(true);
      return t;
    });
    long started = System.nanoTime();
    timer.scheduleAtFixedRate(
        () -> log.println(line(step, (System.nanoTime() - started) / 1_000_000_000L)),
        periodSeconds, periodSeconds, TimeUnit.SECONDS);
    return new ProgressTicker(timer);
  }

  static String line(String step, long elapsedSeconds) {
    return "[" + step + "] running, " + elapsedSeconds + " s" + sparkTasks();
  }

  /** ", Spark tasks 12/40" over the active stages of the running session, or "" without one. */
  private static String sparkTasks() {
    Option<SparkSession> session = SparkSession.getDefaultSession();
    if (session.isEmpty()) {
      return "";
    }
    SparkStatusTracker tracker = session.get().sparkContext().statusTracker();
    long done = 0;
    long total = 0;
    for (int id : tracker.getActiveStageIds()) {
      Option<SparkStageInfo> info = tracker.getStageInfo(id);
      if (info.isDefined()) {
        done += info.get().numCompletedTasks();
        total += info.get().numTasks();
      }
    }
    return total == 0 ? "" : ", Spark tasks " + done + "/" + total;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
