package io.clinicalpipeline.e2e;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The first N patients of the committed sample (CSV and notes), for tests about where and how a job runs
 * rather than about volume. Synthea's CSV has no quoted line breaks, so filtering line by line is exact.
 */
final class SampleSubset {

  private static final List<String> TABLES =
      List.of("encounters", "conditions", "observations", "medications", "procedures");

  private SampleSubset() {}

  static Path write(Path target, int patients) {
    Path csv = Project.sampleData().resolve("csv");
    try {
      Files.createDirectories(target.resolve("csv"));
      Files.createDirectories(target.resolve("notes"));
      Set<String> ids = new LinkedHashSet<>();
      try (BufferedReader in = reader(csv.resolve("patients.csv.gz"));
          BufferedWriter out = writer(target.resolve("csv/patients.csv.gz"))) {
        out.write(in.readLine());
        out.newLine();
        String line;
        while ((line = in.readLine()) != null && ids.size() < patients) {
          ids.add(line.substring(0, line.indexOf(',')));
          out.write(line);
          out.newLine();
        }
      }
      for (String table : TABLES) {
        try (BufferedReader in = reader(csv.resolve(table + ".csv.gz"));
            BufferedWriter out = writer(target.resolve("csv/" + table + ".csv.gz"))) {
          String header = in.readLine();
          int col = Arrays.asList(header.split(",")).indexOf("PATIENT");
          out.write(header);
          out.newLine();
          String line;
          while ((line = in.readLine()) != null) {
            String[] f = line.split(",", -1);
            if (col >= 0 && col < f.length && ids.contains(f[col])) {
              out.write(line);
              out.newLine();
            }
          }
        }
      }
      try (Stream<Path> notes = Files.list(Project.sampleData().resolve("notes"))) {
        for (Path n : (Iterable<Path>) notes::iterator) {
          String name = n.getFileName().toString();
          if (ids.stream().anyMatch(name::contains)) {
            Files.copy(n, target.resolve("notes").resolve(name));
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedReader reader(Path gz) throws IOException {
    return new BufferedReader(
        new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8));
  }

  private static BufferedWriter writer(Path gz) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)), StandardCharsets.UTF_8));
  }
}
