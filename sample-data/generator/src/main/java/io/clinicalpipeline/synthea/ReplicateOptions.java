package io.clinicalpipeline.synthea;

import java.nio.file.Path;
import java.util.Set;

/**
 * Options of a replication.
 *
 * @param copies K: the output holds K times the input's patients (copy 0 is the input itself)
 * @param input a sample-data folder ({@code csv/}, {@code fhir/}, {@code notes/}; plain or gzip)
 * @param output an empty or missing folder
 */
record ReplicateOptions(int copies, Path input, Path output) {

  static final Set<String> VALUED = Set.of("replicate", "input", "output");

  static ReplicateOptions parse(String[] args) {
    CommandLine c = CommandLine.parse(args, VALUED, Set.of());
    ReplicateOptions o =
        new ReplicateOptions((int) c.longValue("replicate", 0), Path.of(c.require("input")), Path.of(c.require("output")));
    if (o.copies < 1) {
      throw new IllegalArgumentException("--replicate must be at least 1: " + o.copies);
    }
    if (o.input.toAbsolutePath().normalize().equals(o.output.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("--output must differ from --input");
    }
    return o;
  }
}
