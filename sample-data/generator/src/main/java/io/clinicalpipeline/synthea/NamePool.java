package io.clinicalpipeline.synthea;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The patients' given and family names of a data set (from {@code patients.csv} and FHIR {@code Patient}
 * resources), and for each copy a bijective reassignment of them: given names rotate among given names,
 * family names among family names, by a shift that is never zero.
 */
final class NamePool {

  static final List<String> CSV_NAME_COLUMNS = List.of("FIRST", "MIDDLE", "LAST", "MAIDEN");

  private final TreeSet<String> given = new TreeSet<>();
  private final TreeSet<String> family = new TreeSet<>();

  /** Reads the names of {@code patients.csv[.gz]} and {@code Patient.ndjson[.gz]} among {@code files}. */
  static NamePool of(List<Path> files) throws IOException {
    NamePool pool = new NamePool();
    for (Path f : files) {
      String name = Gzip.plainName(f);
      if (name.equals("patients.csv")) {
        pool.readCsv(f);
      } else if (name.equals("Patient.ndjson")) {
        pool.readFhir(f);
      }
    }
    return pool;
  }

  private void readCsv(Path f) throws IOException {
    try (BufferedReader r = Gzip.reader(f)) {
      String header = r.readLine();
      if (header == null) {
        return;
      }
      List<String> columns = Csv.split(header);
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        List<String> fields = Csv.split(line);
        for (int i = 0; i < columns.size() && i < fields.size(); i++) {
          String column = columns.get(i);
          if (CSV_NAME_COLUMNS.contains(column)) {
            addWords(column.equals("FIRST") || column.equals("MIDDLE") ? given : family, fields.get(i));
          }
        }
      }
    }
  }

  private void readFhir(Path f) throws IOException {
    try (BufferedReader r = Gzip.reader(f)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonStrings.forEachValue(line, (key, value) -> {
          if (key.equals("given")) {
            addWords(given, value);
          } else if (key.equals("family")) {
            addWords(family, value);
          }
        });
      }
    }
  }

  private static void addWords(TreeSet<String> into, String text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (Character.isLetter(text.charAt(i))) {
        int end = i;
        while (end < n && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '\'')) {
          end++;
        }
        if (end - i > 1) {
          into.add(text.substring(i, end));
        }
        i = end;
      } else {
        i++;
      }
    }
  }

  int size() {
    return given.size() + family.size();
  }

  /** The replacement of every name word in copy {@code copy} (at least 1); given names win ties. */
  Map<String, String> forCopy(int copy) {
    Map<String, String> map = new HashMap<>();
    rotate(family, copy, map);
    rotate(given, copy, map);
    return map;
  }

  private static void rotate(TreeSet<String> words, int copy, Map<String, String> into) {
    List<String> list = new ArrayList<>(words);
    int n = list.size();
    if (n < 2) {
      return;
    }
    int shift = 1 + (int) ((copy * 7919L) % (n - 1));
    for (int i = 0; i < n; i++) {
      into.put(list.get(i), list.get((i + shift) % n));
    }
  }
}
