package io.clinicalpipeline.jobs.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where runs' metrics are kept for trend charts and anomaly detection: a tiny repository in Deequ's
 * shape ({@code save}, {@code load} by tags, {@code after}).
 */
public interface MetricsHistory {

  void save(HistoryRun run);

  /** Every run carrying all of {@code tags}, oldest first. */
  List<HistoryRun> load(Map<String, String> tags);

  /** The runs of {@code runs} strictly before {@code runTime} (ISO-8601, comparable as text), oldest first. */
  static List<HistoryRun> before(List<HistoryRun> runs, String runTime) {
    List<HistoryRun> out = new ArrayList<>();
    for (HistoryRun r : runs) {
      if (r.runTime().compareTo(runTime) < 0) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(HistoryRun::runTime));
    return out;
  }

  /** Keeps runs in memory: for tests and for runs without {@code --history}. */
  final class InMemory implements MetricsHistory {
    private final List<HistoryRun> runs = new ArrayList<>();

    @Override
    public synchronized void save(HistoryRun run) {
      runs.add(run);
    }

    @Override
    public synchronized List<HistoryRun> load(Map<String, String> tags) {
      List<HistoryRun> out = new ArrayList<>();
      for (HistoryRun r : runs) {
        if (r.hasTags(tags)) {
          out.add(r);
        }
      }
      out.sort(Comparator.comparing(HistoryRun::runTime));
      return out;
    }
  }
}
