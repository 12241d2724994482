package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;
import static io.clinicalpipeline.jobs.deid.FacilityRecogniser.*;
import static io.clinicalpipeline.jobs.deid.PlaceRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NamePatterns.*;
import static io.clinicalpipeline.jobs.deid.TextScan.*;
import static io.clinicalpipeline.jobs.deid.StreetRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameWords.*;
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ages over 89 ("92 year old", "aged 95", "in her nineties"). */
final class AgeRecogniser {

  private AgeRecogniser() {}

  static final Pattern AGE =
      Pattern.compile(
          "(?i)\\b(?:(9\\d|1[01]\\d)(?=\\s*(?:-|\\s)?\\s*(?:years?|yrs?|y/?o|yo|y\\.o\\.|-?year-old|-?yr-old)\\b)"
              + "|(?<=\\bage[d:]?\\s{0,2})(9\\d|1[01]\\d)\\b|(?<=\\bage of\\s)(9\\d|1[01]\\d)\\b)"
              + "|\\b(?:in (?:his|her|their) )?(?:nineties|90s|90's)\\b|\\b(?:nonagenarian|centenarian)\\b");

  static boolean ageStart(String t, int i) {
    char c = t.charAt(i);
    if (digitStart(t, i)) {
      int run = digitRun(t, i);
      return (c == '9' || c == '1') && run >= 2 && run <= 3;
    }
    char l = (char) (c | 0x20);
    return (l == 'i' || l == 'n' || l == 'c') && asciiWordStart(t, i);
  }

  static void findAges(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher a = new AnchoredMatcher(AGE, text, tokens, AgeRecogniser::ageStart);
    Matcher m = a.match();
    while (a.find()) {
      for (int g = 1; g <= 3; g++) {
        if (m.group(g) != null) {
          out.add(new PhiSpan(m.start(g), m.end(g), PhiType.AGE));
          break;
        }
      }
      if (m.group(1) == null && m.group(2) == null && m.group(3) == null) {
        out.add(new PhiSpan(m.start(), m.end(), PhiType.AGE));
      }
    }
  }
}
