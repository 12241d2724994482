package io.clinicalpipeline.synthea;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Multiplies a sample-data folder into K times as many distinct patients, for benchmarks. Copy 0 is the
 * input unchanged; copy c (1..K-1) has every UUID remapped (patients, encounters, organizations, every
 * reference, note file names), every date moved by the copy's day offset, and patients' names replaced,
 * all consistently across CSV tables, FHIR resources (including the base64 notes of DocumentReference)
 * and note files. CSV and NDJSON files keep their names and hold K rows per input row; each note file
 * becomes K files. Only {@code csv/}, {@code fhir/} and {@code notes/} are read. Files are streamed,
 * several at a time; {@code .gz} in gives {@code .gz} out.
 */
final class Replicator {

  /** What a run did. */
  record Result(int files, long bytesRead, double seconds) {}

  /** The folders of a sample-data folder that hold data; anything else (README, generator/) is skipped. */
  static final List<String> DATA_FOLDERS = List.of("csv", "fhir", "notes");

  /** JSON keys whose string values carry people's names. */
  static final Set<String> NAME_KEYS = Set.of("family", "given", "display");

  private final int copies;

  Replicator(int copies) {
    this.copies = copies;
  }

  Result run(Path input, Path output, PrintStream progress) throws Exception {
    long start = System.nanoTime();
    if (!Files.isDirectory(input)) {
      throw new IllegalArgumentException("--input is not a folder: " + input);
    }
    List<Path> files = new ArrayList<>();
    for (String folder : DATA_FOLDERS) {
      if (Files.isDirectory(input.resolve(folder))) {
        try (Stream<Path> s = Files.walk(input.resolve(folder))) {
          s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).forEach(files::add);
        }
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--input holds no files under csv/, fhir/ or notes/: " + input);
    }
    if (Files.isDirectory(output)) {
      try (Stream<Path> s = Files.list(output)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("--output must be empty or missing: " + output);
        }
      }
    }
    NamePool pool = NamePool.of(files);
    List<CopyRewriter> rewriters = new ArrayList<>();
    for (int c = 1; c < copies; c++) {
      rewriters.add(new CopyRewriter(c, pool.forCopy(c)));
    }
    progress.printf("sample-data: replicating %d files x%d (%d name words)%n", files.size(), copies, pool.size());

    AtomicLong bytes = new AtomicLong();
    AtomicInteger done = new AtomicInteger();
    AtomicLong lastReport = new AtomicLong(start);
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      List<Path> bySize = new ArrayList<>(files);
      bySize.sort(Comparator.comparingLong(Replicator::size).reversed());
      List<Future<?>> futures = new ArrayList<>();
      for (Path f : bySize) {
        futures.add(workers.submit(() -> {
          Path target = output.resolve(input.relativize(f).toString());
          bytes.addAndGet(replicate(f, target, rewriters));
          int n = done.incrementAndGet();
          long now = System.nanoTime();
          long last = lastReport.get();
          if ((n == files.size() || now - last > 5_000_000_000L) && lastReport.compareAndSet(last, now)) {
            progress.printf("sample-data: %d of %d files, %.0f MB read, %.0f s%n",
                n, files.size(), bytes.get() / 1e6, (now - start) / 1e9);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    return new Result(files.size(), bytes.get(), (System.nanoTime() - start) / 1e9);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Writes the copies of one file; returns the characters read. */
  static long replicate(Path file, Path target, List<CopyRewriter> rewriters) throws IOException {
    String name = Gzip.plainName(file);
    if (name.endsWith(".txt")) {
      return replicateNote(file, target, rewriters);
    }
    if (!name.endsWith(".csv") && !name.endsWith(".ndjson")) {
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
      return Files.size(file);
    }
    boolean csv = name.endsWith(".csv");
    long read = 0;
    try (BufferedReader r = Gzip.reader(file); BufferedWriter w = Gzip.writer(target)) {
      String line = r.readLine();
      List<Integer> nameColumns = List.of();
      if (csv && line != null) {
        read += line.length() + 1;
        w.write(line);
        w.write('\n');
        if (name.equals("patients.csv")) {
          nameColumns = nameColumns(Csv.split(line));
        }
        line = r.readLine();
      }
      for (; line != null; line = r.readLine()) {
        read += line.length() + 1;
        w.write(line);
        w.write('\n');
        for (CopyRewriter rw : rewriters) {
          w.write(csv ? rewriteCsv(rw, line, nameColumns) : rewriteJson(rw, line));
          w.write('\n');
        }
      }
    }
    return read;
  }

  private static List<Integer> nameColumns(List<String> header) {
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (NamePool.CSV_NAME_COLUMNS.contains(header.get(i))) {
        columns.add(i);
      }
    }
    return columns;
  }

  static String rewriteCsv(CopyRewriter rw, String line, List<Integer> nameColumns) {
    if (nameColumns.isEmpty()) {
      return rw.rewrite(line, false);
    }
    List<String> fields = Csv.split(line);
    for (int i = 0; i < fields.size(); i++) {
      fields.set(i, rw.rewrite(fields.get(i), nameColumns.contains(i)));
    }
    return Csv.join(fields);
  }

  static String rewriteJson(CopyRewriter rw, String line) {
    return JsonStrings.rewriteValues(line, (key, value) -> {
      if (key.equals("data") && value.indexOf('\\') < 0) {
        try {
          String text = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
          return Base64.getEncoder().encodeToString(rw.rewrite(text, true).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
          return rw.rewrite(value, false);
        }
      }
      return rw.rewrite(value, NAME_KEYS.contains(key));
    });
  }

  private static long replicateNote(Path file, Path target, List<CopyRewriter> rewriters) throws IOException {
    String text;
    try (BufferedReader r = Gzip.reader(file)) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[1 << 16];
      for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
        sb.append(buf, 0, n);
      }
      text = sb.toString();
    }
    write(target, text);
    String fileName = target.getFileName().toString();
    for (CopyRewriter rw : rewriters) {
      write(target.resolveSibling(rw.rewrite(fileName, true)), rw.rewrite(text, true));
    }
    return text.length();
  }

  private static void write(Path target, String text) throws IOException {
    try (BufferedWriter w = Gzip.writer(target)) {
      w.write(text);
    }
  }
}
