package io.clinicalpipeline.synthea;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of the sample-data JVM (started by {@code clinical-pipeline sample-data}).
 *
 * <pre>
 * generate:  --patients N --seed S --output DIR [--state ST] [--city C] [--years-of-history Y]
 *            [--reference-date yyyyMMdd] [--age-range MIN-MAX] [--no-fhir] [--append]
 * replicate: --replicate K --input DIR --output DIR
 * </pre>
 */
public final class SampleDataMain {

  private SampleDataMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream progress) {
    try {
      if (Arrays.stream(args).anyMatch(a -> a.equals("--replicate") || a.startsWith("--replicate="))) {
        ReplicateOptions o = ReplicateOptions.parse(args);
        Replicator.Result r = new Replicator(o.copies()).run(o.input(), o.output(), progress);
        progress.printf("sample-data: replicated %d files x%d in %.1f s (%.0f MB read)%n",
            r.files(), o.copies(), r.seconds(), r.bytesRead() / 1e6);
        return 0;
      }
      GenerateOptions o = GenerateOptions.parse(args);
      return generate(o, progress);
    } catch (IllegalArgumentException e) {
      System.err.println("sample-data: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      // Messages of library exceptions may quote generated data; report the type only.
      System.err.println("sample-data failed with " + e.getClass().getName());
      return 1;
    }
  }

  static int generate(GenerateOptions o, PrintStream progress) throws Exception {
    Files.createDirectories(o.output());
    Path scratch = Files.createTempDirectory(o.output(), ".synthea-");
    try {
      long start = System.nanoTime();
      progress.printf("sample-data: generating %d patients (seed %d, %s%s, reference date %s, %d years of history%s)%n",
          o.patients(), o.seed(), o.city() == null ? "" : o.city() + ", ", o.state(), o.referenceDate(),
          o.yearsOfHistory(), o.ageRange() == null ? "" : ", ages " + o.ageRange());
      new SyntheaRun(o).run(scratch, progress);
      int files = OutputCollector.collect(scratch, o.output(), o.append());
      progress.printf("sample-data: wrote %d files in %.0f s%n", files, (System.nanoTime() - start) / 1e9);
      return 0;
    } finally {
      OutputCollector.deleteRecursively(scratch);
    }
  }
}
