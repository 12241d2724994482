package io.clinicalpipeline.jobs.deid;

import java.util.List;
import java.util.Locale;

/** Ward-note fixtures written for the tests: a body of shorthand lines around the line under test. */
final class WardNotes {

  private WardNotes() {}

  static final String BODY =
      "NEURO: A&OX3, MAE, FOLLOWS COMMANDS. PERRL.\n"
          + "CV: HR 80S SR, NO ECTOPY. BP STABLE ON NO DRIPS.\n"
          + "RESP: LS CLEAR, SATS 97% ON 2L NC. RR 16-20.\n"
          + "GI: ABD SOFT, +BS. TOL CLEAR LIQS. NO BM.\n"
          + "GU: FOLEY TO CD, UO 40CC/HR.\n"
          + "PLAN: CONT TO MONITOR, PAIN CONTROL PRN.\n";

  /** {@code line} inside a note in capitals. */
  static String capitals(String line) {
    return BODY + line + "\n" + BODY;
  }

  /** {@code line} inside a note in lower case. */
  static String lower(String line) {
    return BODY.toLowerCase(Locale.ROOT) + line + "\n" + BODY.toLowerCase(Locale.ROOT);
  }

  /** The spans found in {@code note}, as "TYPE:text". */
  static List<String> found(String note) {
    return NoteScrubberTest.found(note);
  }
}
