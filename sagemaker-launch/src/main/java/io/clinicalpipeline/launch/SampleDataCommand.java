package io.clinicalpipeline.launch;

import io.clinicalpipeline.common.JobRunner.JobException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code clinical-pipeline sample-data}: makes a Synthea data set, or multiplies one, in a child JVM on the
 * generator module's classpath ({@code sample-data/generator/target/clinical-pipeline-synthea.jar} and
 * {@code target/lib/*}). Synthea's global configuration and its Jackson 2.13 never meet Spark's classpath.
 */
public final class SampleDataCommand implements Command {

  static final String MAIN = "io.clinicalpipeline.synthea.SampleDataMain";
  static final String HOME_PROPERTY = "clinical-pipeline.home";
  static final String HOME_ENV = "CLINICAL_PIPELINE_HOME";
  static final String HEAP_ENV = "CLINICAL_PIPELINE_SYNTHEA_HEAP";
  static final String DEFAULT_HEAP = "3g";

  @Override
  public String name() {
    return "sample-data";
  }

  @Override
  public String summary() {
    return "generate a deterministic Synthea data set, or replicate one K times";
  }

  @Override
  public String help() {
    return """
        Usage: clinical-pipeline sample-data --patients N --seed S --output DIR [--state ST] [--city C]
                 [--years-of-history Y] [--reference-date YYYYMMDD] [--age-range MIN-MAX] [--no-fhir] [--append]
                 [--synthea-default-names]
               clinical-pipeline sample-data --replicate K --input DIR --output DIR

        Generate: runs Synthea 3.3.0 in its own JVM, deterministically (fixed seed and clinician seed, fixed
        reference and end date, one generator thread), and writes gzip-compressed CSV (csv/), FHIR R4 bulk
        NDJSON (fhir/) and clinical notes (notes/). The same options give byte-identical files.
          --patients N            living patients to generate; Synthea adds those who died (required)
          --seed S                seed of the population and of the clinicians (required)
          --output DIR            output folder (required; must not hold the files unless --append)
          --state ST              US state (default Massachusetts)
          --city C                a city of that state (default: the whole state)
          --years-of-history Y    years of history before the reference date (default 10; 0: whole lives)
          --reference-date D      the simulation's end, YYYYMMDD (default 20250101)
          --age-range MIN-MAX     only patients of these ages (default: Synthea's distribution)
          --no-fhir               CSV and notes only
          --append                add this run's rows to the files already in --output
          --synthea-default-names names keep Synthea's numeric suffixes (Nolan344), as Synthea's defaults

        Replicate: writes K times as many distinct patients for benchmarks. Copy 0 is the input; the other
        copies get new ids (consistently in every file and reference), other names, and dates moved by a
        per-copy number of days (in tables, FHIR resources and notes alike).
          --replicate K           number of copies, at least 1 (required)
          --input DIR             a sample-data folder: csv/, fhir/, notes/, plain or .gz (required)
          --output DIR            an empty or missing folder (required)

        Environment: CLINICAL_PIPELINE_SYNTHEA_HEAP (default 3g) is the child JVM's heap.""";
  }

  @Override
  public int run(String[] args) throws Exception {
    SampleDataOptions options = SampleDataOptions.parse(args);
    Path home = home();
    List<String> command = command(options, home, System.getenv().getOrDefault(HEAP_ENV, DEFAULT_HEAP));
    Process child = new ProcessBuilder(command).inheritIO().start();
    int rc = child.waitFor();
    if (rc == 1) {
      throw new JobException("the sample-data JVM failed (exit code 1)");
    }
    return rc;
  }

  /** The child JVM's command line. */
  static List<String> command(SampleDataOptions options, Path home, String heap) {
    Path target = home.resolve("sample-data/generator/target");
    Path jar = target.resolve("clinical-pipeline-synthea.jar");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("lib"))) {
      throw new JobException("the generator is not built: run mvn -DskipTests package -pl sample-data/generator");
    }
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx" + heap);
    c.add("-Duser.timezone=UTC");
    c.add("-cp");
    c.add(jar + File.pathSeparator + target.resolve("lib") + File.separator + "*");
    c.add(MAIN);
    c.addAll(options.toArgs());
    return c;
  }

  /** The project folder: {@code -Dclinical-pipeline.home}, else {@code $CLINICAL_PIPELINE_HOME}. */
  static Path home() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv(HOME_ENV);
    }
    if (home == null || home.isBlank()) {
      throw new JobException("the project folder is unknown: run through bin/clinical-pipeline or set "
          + HOME_ENV);
    }
    return Path.of(home);
  }
}
