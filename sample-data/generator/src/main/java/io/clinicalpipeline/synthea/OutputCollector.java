package io.clinicalpipeline.synthea;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves a Synthea scratch folder into the sample-data layout, gzip-compressed: {@code csv/<table>.csv.gz},
 * {@code fhir/<Type>.ndjson.gz}, {@code notes/<file>.txt.gz}. With append, rows of a table already there
 * come first and this run's data rows follow (one CSV header); ids are UUIDs, so runs never collide.
 * The scratch folder's files may themselves be gzip-compressed, so finished outputs merge the same way.
 */
final class OutputCollector {

  private OutputCollector() {}

  /** Returns the number of files written. */
  static int collect(Path scratch, Path output, boolean append) throws IOException {
    int files = 0;
    for (String folder : List.of("csv", "fhir", "notes")) {
      Path from = scratch.resolve(folder);
      if (!Files.isDirectory(from)) {
        continue;
      }
      for (Path f : sorted(from)) {
        String name = Gzip.plainName(f);
        if (!kept(folder, name)) {
          continue;
        }
        Path target = output.resolve(folder).resolve(name + ".gz");
        boolean header = name.endsWith(".csv");
        if (Files.exists(target) && !append) {
          throw new IllegalStateException(
              "output already holds " + output.relativize(target) + "; use an empty folder or --append");
        }
        merge(Files.exists(target) ? target : null, f, target, header);
        files++;
      }
    }
    return files;
  }

  /** Synthea also writes the practitioners and places the FHIR resources point to; they are not kept. */
  static boolean kept(String folder, String name) {
    return switch (folder) {
      case "csv" -> SyntheaRun.CSV_FILES.contains(name);
      case "fhir" -> name.endsWith(".ndjson")
          && SyntheaRun.FHIR_RESOURCES.contains(name.substring(0, name.length() - ".ndjson".length()));
      default -> name.endsWith(".txt");
    };
  }

  private static void merge(Path existing, Path added, Path target, boolean header) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp.gz");
    try (BufferedWriter w = Gzip.writer(tmp)) {
      String headerLine = null;
      if (existing != null) {
        try (BufferedReader r = Gzip.reader(existing)) {
          headerLine = header ? r.readLine() : null;
          if (headerLine != null) {
            w.write(headerLine);
            w.write('\n');
          }
          copy(r, w);
        }
      }
      try (BufferedReader r = Gzip.reader(added)) {
        if (header) {
          String h = r.readLine();
          if (headerLine != null && !headerLine.equals(h)) {
            throw new IllegalStateException("CSV header of " + added.getFileName() + " differs from the existing file");
          }
          if (headerLine == null && h != null) {
            w.write(h);
            w.write('\n');
          }
        }
        copy(r, w);
      }
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void copy(BufferedReader r, BufferedWriter w) throws IOException {
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      w.write(line);
      w.write('\n');
    }
  }

  static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
