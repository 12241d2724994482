package io.clinicalpipeline.launch;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Options of {@code clinical-pipeline sample-data}: either a Synthea run (patients, seed, output, ...) or a
 * replication of an existing data set (replicate, input, output). {@link #toArgs()} renders the arguments
 * of the generator's main, which takes the same flags.
 */
public record SampleDataOptions(
    int patients,
    long seed,
    String output,
    String state,
    String city,
    int yearsOfHistory,
    String referenceDate,
    String ageRange,
    boolean fhir,
    boolean append,
    boolean syntheaDefaultNames,
    int replicate,
    String input) {

  public static final String DEFAULT_STATE = "Massachusetts";
  public static final int DEFAULT_YEARS_OF_HISTORY = 10;
  public static final String DEFAULT_REFERENCE_DATE = "20250101";

  static final Set<String> VALUED =
      Set.of("patients", "seed", "output", "state", "city", "years-of-history", "reference-date", "age-range",
          "replicate", "input");
  static final Set<String> SWITCHES = Set.of("no-fhir", "append", "synthea-default-names");

  public static SampleDataOptions parse(String[] args) {
    Args a = Args.parse(args, VALUED, SWITCHES);
    SampleDataOptions o =
        new SampleDataOptions(
            a.intValue("patients", 0),
            a.longValue("seed", 0),
            a.require("output"),
            a.get("state", DEFAULT_STATE),
            a.get("city"),
            a.intValue("years-of-history", DEFAULT_YEARS_OF_HISTORY),
            a.get("reference-date", DEFAULT_REFERENCE_DATE),
            a.get("age-range"),
            !a.has("no-fhir"),
            a.has("append"),
            a.has("synthea-default-names"),
            a.intValue("replicate", 0),
            a.get("input"));
    if (o.replicating()) {
      for (String generateOnly : List.of("patients", "seed", "state", "city", "years-of-history", "reference-date",
          "age-range", "no-fhir", "append", "synthea-default-names")) {
        if (a.has(generateOnly)) {
          throw new UsageException("--" + generateOnly + " does not apply to --replicate");
        }
      }
    } else {
      if (a.has("input")) {
        throw new UsageException("--input needs --replicate");
      }
      a.require("seed");
    }
    o.validate();
    return o;
  }

  public boolean replicating() {
    return replicate != 0 || input != null;
  }

  public void validate() {
    if (replicating()) {
      if (replicate < 1) {
        throw new UsageException("--replicate must be at least 1: " + replicate);
      }
      if (input == null || input.isBlank()) {
        throw new UsageException("--input is required with --replicate");
      }
      return;
    }
    if (patients < 1) {
      throw new UsageException("--patients must be at least 1: " + patients);
    }
    if (yearsOfHistory < 0) {
      throw new UsageException("--years-of-history must not be negative: " + yearsOfHistory);
    }
    try {
      LocalDate.parse(referenceDate, DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      throw new UsageException("--reference-date must be YYYYMMDD: " + referenceDate);
    }
    if (ageRange != null && !ageRange.matches("\\d{1,3}-\\d{1,3}")) {
      throw new UsageException("--age-range must be MIN-MAX, e.g. 90-100: " + ageRange);
    }
  }

  /** The arguments of {@code io.clinicalpipeline.synthea.SampleDataMain}. */
  public List<String> toArgs() {
    List<String> a = new ArrayList<>();
    if (replicating()) {
      add(a, "replicate", Integer.toString(replicate));
      add(a, "input", input);
      add(a, "output", output);
      return a;
    }
    add(a, "patients", Integer.toString(patients));
    add(a, "seed", Long.toString(seed));
    add(a, "output", output);
    add(a, "state", state);
    if (city != null) {
      add(a, "city", city);
    }
    add(a, "years-of-history", Integer.toString(yearsOfHistory));
    add(a, "reference-date", referenceDate);
    if (ageRange != null) {
      add(a, "age-range", ageRange);
    }
    if (!fhir) {
      a.add("--no-fhir");
    }
    if (append) {
      a.add("--append");
    }
    if (syntheaDefaultNames) {
      a.add("--synthea-default-names");
    }
    return a;
  }

  private static void add(List<String> args, String name, String value) {
    args.add("--" + name);
    args.add(value);
  }
}
