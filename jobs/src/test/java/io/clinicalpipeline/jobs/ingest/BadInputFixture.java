package io.clinicalpipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Bad inputs made from the committed Synthea fixture (4 patients, CSV, FHIR and notes): copy it, spoil one
 * file, run ingest capturing its console, and read back what it reported.
 */
final class BadInputFixture {

  static final Path SOURCE = Path.of("src/test/resources/ingest/synthea").toAbsolutePath();

  /** What one ingest run gave. */
  record Outcome(int exitCode, String console, Path out) {
    Manifest manifest() {
      return Manifest.fromJson(IngestCrossFormatTest.read(out.resolve(Manifest.FILE_NAME)));
    }

    List<String> quarantine() {
      return IngestQuarantineTest.quarantine(out);
    }

    /** The lines ingest itself printed (not Spark's log). */
    String ours() {
      return console.lines().filter(l -> l.startsWith("ingest")).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The console's last line: the job's verdict. */
    String lastLine() {
      String[] lines = ours().strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private BadInputFixture() {}

  /** A copy of the fixture under {@code tmp/in}: csv/, notes/ and fhir/ (all gzip, as committed). */
  static Path copy(Path tmp) {
    Path in = tmp.resolve("in");
    try (Stream<Path> files = Files.walk(SOURCE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = in.resolve(SOURCE.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return in;
  }

  /** The lines of {@code folder/name.gz}, decompressed; the gzip file is replaced by plain {@code name}. */
  static List<String> unzip(Path folder, String name) {
    Path gz = folder.resolve(name + ".gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.delete(gz);
      return new ArrayList<>(text.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, List<String> lines) {
    IngestQuarantineTest.write(file, lines.toArray(new String[0]));
  }

  static void writeBytes(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs ingest on {@code in} with {@code extra} options, capturing what it prints to stderr. */
  static Outcome run(Path in, Path tmp, String format, String... extra) {
    Path out = tmp.resolve("out");
    List<String> args = new ArrayList<>(Arrays.asList(IngestCrossFormatTest.args(in, out, format)));
    args.addAll(Arrays.asList(extra));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(tee);
      code = IngestJob.run(args.toArray(new String[0]));
    } finally {
      System.setErr(original);
    }
    String console = captured.toString(StandardCharsets.UTF_8);
    original.print(console);
    return new Outcome(code, console, out);
  }

  /** Rows in = rows out + quarantined for every table, and {@code table} counted {@code rowsIn} records. */
  static void assertBalanced(Outcome o, String table, long rowsIn) {
    Manifest m = o.manifest();
    assertThat(m.balanced()).isTrue();
    assertThat(m.tables.get(table).rowsIn).as(table + " rows in").isEqualTo(rowsIn);
  }

  /** Data lines of a CSV file as written (without the header and blank lines). */
  static long dataLines(List<String> lines) {
    return lines.stream().skip(1).filter(l -> !l.isEmpty()).count();
  }
}
