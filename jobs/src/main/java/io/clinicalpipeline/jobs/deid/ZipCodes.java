package io.clinicalpipeline.jobs.deid;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * ZIP codes to Safe Harbor ZIP3: the first three digits, or {@code 000} when the prefix is restricted
 * (either Census list), has no population, or has no ZCTA at all. The lists are configuration shipped as
 * resources (sources cited in them and in the module README).
 */
public final class ZipCodes implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String BASE = "/io/clinicalpipeline/jobs/deid/";

  private final Set<String> restricted;
  private final Set<String> populated;

  private ZipCodes(Set<String> restricted, Set<String> populated) {
    this.restricted = restricted;
    this.populated = populated;
  }

  public static ZipCodes load() {
    Set<String> restricted = new HashSet<>();
    for (String line : read(BASE + "hipaa-restricted-zip3.csv")) {
      String z = line.split(",")[0];
      if (z.matches("\\d{3}")) {
        restricted.add(z);
      }
    }
    restricted.addAll(read(BASE + "zip3-no-population.txt"));
    Set<String> populated = new HashSet<>(read(BASE + "lexicon/zip3-populated.txt"));
    return new ZipCodes(Set.copyOf(restricted), Set.copyOf(populated));
  }

  /** The Safe Harbor ZIP3 of {@code zip}; null when there is no ZIP. */
  public String zip3(String zip) {
    if (zip == null) {
      return null;
    }
    String digits = zip.strip();
    int dash = digits.indexOf('-');
    if (dash >= 0) {
      digits = digits.substring(0, dash);
    }
    digits = digits.replaceAll("\\D", "");
    if (digits.isEmpty()) {
      return null;
    }
    if (digits.length() < 5) {
      digits = "0".repeat(5 - digits.length()) + digits;
    }
    String p = digits.substring(0, 3);
    return restricted.contains(p) || !populated.contains(p) ? "000" : p;
  }

  public boolean isRestricted(String zip3) {
    return restricted.contains(zip3) || !populated.contains(zip3);
  }

  private static Set<String> read(String name) {
    return new HashSet<>(Lexicon.readResource(name));
  }
}
