package io.clinicalpipeline.jobs.ingest;

import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.io.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of one input location. Synthea writes {@code csv/}, {@code fhir/} and {@code notes/} under
 * one folder; the input may be that folder or the {@code csv/} or {@code fhir/} folder itself. Files may be
 * compressed ({@code .gz}, {@code .bz2}); a bulk export may split one resource type over several files
 * ({@code Observation.ndjson}, {@code Observation-2.ndjson}, {@code Observation.001.ndjson.gz}).
 */
final class SourceFiles {

  private static final String COMPRESSION = "(\\.gz|\\.bz2|\\.deflate)?";

  private final Storage storage;
  private final String root;
  private final java.util.SortedSet<String> used = new java.util.TreeSet<>();

  SourceFiles(Storage storage, String root) {
    this.storage = storage;
    this.root = Storage.normalize(root);
  }

  String root() {
    return root;
  }

  /** Fails naming the path when the input does not exist or is not a folder. */
  void requireFolder() {
    Path p = new Path(root);
    try {
      FileSystem fs = storage.fs(p);
      if (!fs.exists(p)) {
        throw new InputException("input not found: " + root);
      }
      if (!fs.getFileStatus(p).isDirectory()) {
        throw new InputException("input is not a folder: " + root);
      }
    } catch (IOException e) {
      throw new JobException("cannot read input " + root + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** The folder holding Synthea's CSV tables, if any. */
  Optional<String> csvFolder() {
    for (String dir : List.of(Storage.resolve(root, "csv"), root)) {
      if (has(dir, "patients", "csv") || has(dir, "encounters", "csv")) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The folder holding FHIR bulk NDJSON files, if any. */
  Optional<String> fhirFolder() {
    for (String dir : List.of(Storage.resolve(root, "fhir"), root)) {
      if (has(dir, "Patient", "ndjson") || has(dir, "Encounter", "ndjson")) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** Fails with exit code 2 naming the first of {@code stems} that has no file in {@code dir}. */
  void require(String dir, String ext, String... stems) {
    for (String stem : stems) {
      if (!has(dir, stem, ext)) {
        String expected = String.join(", ", java.util.Arrays.stream(stems).map(s -> s + "." + ext).toList());
        throw new InputException(
            sourceName(Storage.resolve(dir, stem + "." + ext)) + " not found (plain or compressed): the input needs "
                + expected);
      }
    }
  }

  /** Synthea's {@code notes/} folder (one text file per patient), next to {@code csv/} or inside the input. */
  Optional<String> notesFolder() {
    for (String dir : List.of(Storage.resolve(root, "notes"), Storage.resolve(root, "..", "notes"))) {
      if (!scan(dir, Pattern.compile(".*\\.txt" + COMPRESSION)).isEmpty()) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /**
   * Files in {@code dir} holding {@code stem} data with extension {@code ext}, sorted by name:
   * {@code stem.ext}, {@code stem-N.ext}, {@code stem.N.ext}, each optionally compressed.
   */
  List<String> find(String dir, String stem, String ext) {
    return list(dir, tablePattern(stem, ext));
  }

  /** Files in {@code dir} whose name matches {@code pattern}, sorted by name, recorded as read. */
  List<String> list(String dir, Pattern pattern) {
    List<String> out = scan(dir, pattern);
    used.addAll(out);
    return out;
  }

  private static Pattern tablePattern(String stem, String ext) {
    return Pattern.compile(Pattern.quote(stem) + "([-._][0-9A-Za-z]+)*\\." + Pattern.quote(ext) + COMPRESSION);
  }

  private boolean has(String dir, String stem, String ext) {
    return !scan(dir, tablePattern(stem, ext)).isEmpty();
  }

  /** Files in {@code dir} whose name matches {@code pattern}, sorted by name; none when dir is missing. */
  private List<String> scan(String dir, Pattern pattern) {
    Path p = new Path(Storage.normalize(dir));
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = storage.fs(p);
      if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) {
        return out;
      }
      for (FileStatus s : fs.listStatus(p)) {
        if (s.isFile() && pattern.matcher(s.getPath().getName()).matches()) {
          out.add(s.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getClass().getSimpleName(), e);
    }
    out.sort(null);
    return out;
  }

  /** Every file a reader asked for (through {@link #find} or {@link #list}), sorted. */
  List<String> used() {
    return List.copyOf(used);
  }

  /** The name the quarantine table uses for {@code file}: its path relative to the input. */
  String sourceName(String file) {
    String prefix = new Path(root).toString() + "/";
    String f = new Path(file).toString();
    return f.startsWith(prefix) ? f.substring(prefix.length()) : new Path(file).getName();
  }

  /** Size in bytes, for the input digest. */
  long size(String file) {
    Path p = new Path(file);
    try {
      return storage.fs(p).getFileStatus(p).getLen();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }
}
