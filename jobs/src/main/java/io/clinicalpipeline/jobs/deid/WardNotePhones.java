package io.clinicalpipeline.jobs.deid;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ten-digit phone numbers as ward notes split them: by spaces, slashes or hyphens with blanks ("617- 555-
 * 0143", "617/555/0188"), in brackets, before a stop, and extensions after a phone ("x21").
 */
final class WardNotePhones {

  private WardNotePhones() {}

  private static final Pattern TEN_DIGITS =
      Pattern.compile("(?<![\\d.])\\(?\\d{3}\\)?[ \\t]?[-/. ]?[ \\t]?\\d{3}[ \\t]?[-/. ][ \\t]?\\d{4}(?:[ \\t]*(?:x|ext\\.?)[ \\t]?\\d{1,5})?(?![\\d/])");

  static void find(NoteDocument doc, List<PhiSpan> out) {
    if (!doc.telegraphic()) {
      return;
    }
    AnchoredMatcher ma = doc.at(TEN_DIGITS, "(0123456789");
    Matcher m = ma.match();
    while (ma.find()) {
      boolean fax = doc.before(m.start(), 12).contains("fax");
      out.add(new PhiSpan(m.start(), m.end(), fax ? PhiType.FAX : PhiType.PHONE));
    }
  }
}
