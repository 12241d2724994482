package io.clinicalpipeline.synthea;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One deterministic Synthea run into a scratch folder: fixed seed, clinician seed, reference and end date,
 * one generator thread (with more, clinicians are drawn in thread order and the files differ between
 * runs), CSV without the claim tables, FHIR R4 bulk NDJSON without billing resources, clinical notes.
 * Synthea prints one line per person, with the name; those lines become counts-only progress lines.
 */
final class SyntheaRun {

  /**
   * The CSV tables kept: the clinical ones and the small reference tables they point to. Not the claims
   * and billing tables, nor imaging_studies (one row per DICOM instance, larger than the encounters).
   */
  static final List<String> CSV_FILES =
      List.of(
          "patients.csv", "encounters.csv", "conditions.csv", "observations.csv", "medications.csv",
          "procedures.csv", "immunizations.csv", "allergies.csv", "careplans.csv", "devices.csv",
          "organizations.csv", "providers.csv", "payers.csv");

  /** The FHIR resource types kept (Patient and Encounter are always written). */
  static final List<String> FHIR_RESOURCES =
      List.of(
          "Patient", "Encounter", "Condition", "Observation", "MedicationRequest", "Medication",
          "Procedure", "Immunization", "AllergyIntolerance", "CarePlan", "DocumentReference");

  /**
   * Asked of Synthea but not kept: it writes DocumentReference (the notes) only along with
   * DiagnosticReport, whose copy of each note would double the size of the FHIR files.
   */
  static final String FHIR_DROPPED = "DiagnosticReport";

  private static final Pattern PERSON_LINE = Pattern.compile("^\\d+ -- .*");

  private final GenerateOptions options;

  SyntheaRun(GenerateOptions options) {
    this.options = options;
  }

  /** Synthea's own command line for these options, writing under {@code scratch}. */
  List<String> syntheaArgs(Path scratch) {
    List<String> a = new ArrayList<>();
    a.add("-s");
    a.add(Long.toString(options.seed()));
    a.add("-cs");
    a.add(Long.toString(options.seed()));
    a.add("-p");
    a.add(Integer.toString(options.patients()));
    a.add("-r");
    a.add(options.referenceDate());
    a.add("-e");
    a.add(options.referenceDate());
    if (options.ageRange() != null) {
      a.add("-a");
      a.add(options.ageRange());
    }
    config(a, "exporter.baseDirectory", scratch.toAbsolutePath() + "/");
    config(a, "exporter.years_of_history", Integer.toString(options.yearsOfHistory()));
    config(a, "exporter.metadata.export", "false");
    config(a, "exporter.csv.export", "true");
    config(a, "exporter.csv.included_files", String.join(",", CSV_FILES));
    config(a, "exporter.csv.excluded_files", "");
    config(a, "exporter.fhir.export", Boolean.toString(options.fhir()));
    config(a, "exporter.fhir.bulk_data", "true");
    config(a, "exporter.fhir.transaction_bundle", "false");
    config(a, "exporter.fhir.included_resources", String.join(",", FHIR_RESOURCES) + "," + FHIR_DROPPED);
    config(a, "exporter.fhir.excluded_resources", "");
    config(a, "exporter.hospital.fhir.export", "false");
    config(a, "exporter.practitioner.fhir.export", "false");
    config(a, "exporter.pretty_print", "false");
    config(a, "exporter.clinical_note.export", "true");
    config(a, "generate.append_numbers_to_person_names", Boolean.toString(options.syntheaDefaultNames()));
    config(a, "generate.thread_pool_size", "1");
    config(a, "generate.log_patients.detail", "simple");
    a.add(options.state());
    if (options.city() != null) {
      a.add(options.city());
    }
    return a;
  }

  private static void config(List<String> args, String key, String value) {
    args.add("--" + key + "=" + value);
  }

  /** Runs Synthea in this JVM; {@code progress} receives counts-only lines. */
  void run(Path scratch, PrintStream progress) throws Exception {
    Files.createDirectories(scratch);
    PrintStream original = System.out;
    ProgressFilter filter = new ProgressFilter(progress, options.patients());
    System.setOut(new PrintStream(filter, true, StandardCharsets.UTF_8));
    try {
      // Synthea's App lives in the unnamed package: reachable only reflectively.
      Class.forName("App")
          .getMethod("main", String[].class)
          .invoke(null, (Object) syntheaArgs(scratch).toArray(String[]::new));
    } finally {
      System.out.flush();
      System.setOut(original);
    }
    progress.printf("sample-data: Synthea wrote %d records (%d living patients requested)%n", filter.people, options.patients());
  }

  /** Swallows Synthea's console output and turns its one-line-per-person log into counts. */
  private static final class ProgressFilter extends OutputStream {
    private final PrintStream progress;
    private final int target;
    private final StringBuilder line = new StringBuilder();
    private final long start = System.nanoTime();
    private long lastReport = start;
    int people;

    ProgressFilter(PrintStream progress, int target) {
      this.progress = progress;
      this.target = target;
    }

    @Override
    public void write(int b) {
      if (b == '\n') {
        if (PERSON_LINE.matcher(line).matches()) {
          people++;
          long now = System.nanoTime();
          if (now - lastReport > 10_000_000_000L) {
            lastReport = now;
            progress.printf(
                "sample-data: %d records generated (%d living requested), %d s%n",
                people, target, (now - start) / 1_000_000_000L);
          }
        }
        line.setLength(0);
      } else if (line.length() < 64) {
        line.append((char) b);
      }
    }
  }
}
