package io.clinicalpipeline.synthea;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Options of one Synthea run.
 *
 * @param patients living patients to generate (Synthea adds the people who die on the way)
 * @param seed population and clinician seed
 * @param output folder receiving {@code csv/}, {@code fhir/}, {@code notes/} (gzip-compressed)
 * @param state US state name
 * @param city city in that state, or null for the whole state
 * @param yearsOfHistory years of history exported before the reference date (0: whole lives)
 * @param referenceDate the simulation's "now", {@code yyyyMMdd}
 * @param ageRange {@code MIN-MAX} ages, or null for Synthea's age distribution
 * @param fhir whether FHIR bulk NDJSON is written
 * @param append whether the run is added to the files already in {@code output}
 * @param syntheaDefaultNames whether names keep Synthea's default numeric suffixes ({@code Nolan344})
 */
record GenerateOptions(
    int patients,
    long seed,
    Path output,
    String state,
    String city,
    int yearsOfHistory,
    String referenceDate,
    String ageRange,
    boolean fhir,
    boolean append,
    boolean syntheaDefaultNames) {

  static final String DEFAULT_STATE = "Massachusetts";
  static final int DEFAULT_YEARS = 10;
  static final String DEFAULT_REFERENCE_DATE = "20250101";

  static final Set<String> VALUED =
      Set.of("patients", "seed", "output", "state", "city", "years-of-history", "reference-date", "age-range");
  static final Set<String> SWITCHES = Set.of("no-fhir", "append", "synthea-default-names");

  static GenerateOptions parse(String[] args) {
    CommandLine c = CommandLine.parse(args, VALUED, SWITCHES);
    GenerateOptions o =
        new GenerateOptions(
            (int) c.longValue("patients", -1),
            c.longValue("seed", Long.MIN_VALUE),
            Path.of(c.require("output")),
            c.get("state", DEFAULT_STATE),
            c.get("city", null),
            (int) c.longValue("years-of-history", DEFAULT_YEARS),
            c.get("reference-date", DEFAULT_REFERENCE_DATE),
            c.get("age-range", null),
            !c.has("no-fhir"),
            c.has("append"),
            c.has("synthea-default-names"));
    o.validate();
    return o;
  }

  void validate() {
    if (patients < 1) {
      throw new IllegalArgumentException("--patients must be at least 1: " + patients);
    }
    if (seed == Long.MIN_VALUE) {
      throw new IllegalArgumentException("--seed is required (the run is deterministic only with a fixed seed)");
    }
    if (yearsOfHistory < 0) {
      throw new IllegalArgumentException("--years-of-history must not be negative: " + yearsOfHistory);
    }
    try {
      LocalDate.parse(referenceDate, DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--reference-date must be yyyyMMdd: " + referenceDate);
    }
    if (ageRange != null && !ageRange.matches("\\d{1,3}-\\d{1,3}")) {
      throw new IllegalArgumentException("--age-range must be MIN-MAX, e.g. 90-100: " + ageRange);
    }
  }
}
