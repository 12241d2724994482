package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * A metrics history under a folder or S3 prefix, one JSON object per run
 * ({@code run-<time>-<digest>.json}). Writers never rewrite a shared file, so concurrent runs (or two
 * checkpoints writing at once) cannot lose each other's results, which Deequ's single
 * {@code FileSystemMetricsRepository} file on S3 can.
 */
public final class FileMetricsHistory implements MetricsHistory {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Storage storage;
  private final String location;

  public FileMetricsHistory(Storage storage, String location) {
    this.storage = storage;
    this.location = Storage.normalize(location);
  }

  @Override
  public void save(HistoryRun run) {
    try {
      String json = JSON.writeValueAsString(run) + "\n";
      String stamp = run.runTime().replaceAll("[^0-9TZ]", "");
      String name = "run-" + stamp + "-" + Manifest.sha256(json).substring(0, 12) + ".json";
      storage.writeText(Storage.resolve(location, name), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a history run: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public List<HistoryRun> load(Map<String, String> tags) {
    List<HistoryRun> out = new ArrayList<>();
    Path dir = new Path(location);
    try {
      if (!storage.exists(location)) {
        return out;
      }
      for (FileStatus f : storage.fs(dir).listStatus(dir)) {
        String n = f.getPath().getName();
        if (f.isFile() && n.startsWith("run-") && n.endsWith(".json")) {
          HistoryRun r = JSON.readValue(storage.readText(f.getPath().toString()), HistoryRun.class);
          if (r.hasTags(tags)) {
            out.add(r);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the history: " + e.getClass().getSimpleName(), e);
    }
    out.sort(Comparator.comparing(HistoryRun::runTime));
    return out;
  }
}
