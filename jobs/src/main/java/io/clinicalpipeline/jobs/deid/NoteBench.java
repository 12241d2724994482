package io.clinicalpipeline.jobs.deid;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code deid-bench --notes FILE.jsonl}: the note detector alone on one thread over the texts of a JSONL file
 * replicated N times, after a warm-up pass (JVM start and class loading excluded). Prints MB of text per
 * CPU-second and the ratio to the PhysioNet deid perl package's 9.1 KB per CPU-second.
 */
final class NoteBench {

  /** deid perl on the PhysioNet nursing notes, measured on a machine like this one (bench README). */
  static final double PERL_KB_PER_CPU_SECOND = 9.1;

  private NoteBench() {}

  static int run(Path file, int replicate) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          texts.add(json.readTree(line).path("text").asText(""));
        }
      }
    }
    NoteDetector detector = new NoteDetector(Lexicon.get());
    for (String t : texts) {
      detector.detect(t, KnownIdentifiers.none());
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long bytes = 0;
    long spans = 0;
    for (int k = 0; k < replicate; k++) {
      for (String t : texts) {
        bytes += t.getBytes(StandardCharsets.UTF_8).length;
        spans += detector.detect(t, KnownIdentifiers.none()).size();
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double mbPerCpu = bytes / 1e6 / cpu;
    System.out.printf(Locale.ROOT,
        "notes: %d texts x %d, %.2f MB, %d PHI spans on one thread: %.2f s wall, %.2f s CPU: %.2f MB per CPU-second,"
            + " %.0fx deid perl's %.1f KB per CPU-second%n",
        texts.size(), replicate, bytes / 1e6, spans, wall, cpu, mbPerCpu, mbPerCpu * 1000 / PERL_KB_PER_CPU_SECOND,
        PERL_KB_PER_CPU_SECOND);
    return 0;
  }
}
