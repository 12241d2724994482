package io.clinicalpipeline.jobs.deid;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places as ward notes write them: the unit, ward or hospital after a transfer or admission word ("transfer
 * to [ward] 2", "transferred to [abbreviation]"), with an optional bed or floor number; campuses and
 * memorials by their word ("the [name] campus", "[name] memorial"); and years written short with an
 * apostrophe in histories ("MI '92", "CABG 99'").
 */
final class WardNotePlaces {

  private WardNotePlaces() {}

  private static final Pattern AFTER_TRANSFER =
      Pattern.compile("(?i)\\b(?:transfer(?:red|ed)?|tranfer(?:red|ed)?|trans|xfer(?:red)?|c/o|admitted|readmitted|sent|went|go|going|back|came|presented|arrived)"
          + "[ \\t]+(?:back[ \\t]+)?(?:to|from|at|in)[ \\t]+(?:the[ \\t]+)?(?:[0-9]{1,3}[ \\t]+)?([\\p{L}][\\p{L}'’-]*)(?:[ \\t]?([0-9]{1,2})\\b)?");

  private static final Pattern CAMPUS =
      Pattern.compile("(?i)\\b([\\p{L}][\\p{L}'’-]*)[ \\t]+(?:campus|memorial|medical center|med center|hospital|hosp|clinic)\\b");

  private static final Pattern SHORT_YEAR = Pattern.compile("(?<![\\w'’])['’](\\d\\d)\\b(?!['’])|(?<![\\w.'/])(\\d\\d)['’](?=[\\s.,;)]|$)");

  static void findPlaces(NoteDocument doc, List<PhiSpan> out) {
    String text = doc.text();
    AllowList allow = AllowList.shipped();
    if (!doc.telegraphic()) {
      return;
    }
    AnchoredMatcher ma = doc.at(AFTER_TRANSFER, "tcxasgbpr");
    Matcher m = ma.match();
    while (ma.find()) {
      String w = m.group(1);
      if (!allow.allows(w) && !allow.nearlyAllows(w) && !Recognisers.WEEKDAYS_AND_MONTHS.matcher(w.toLowerCase()).matches()) {
        out.add(new PhiSpan(m.start(1), m.end(2) >= 0 ? m.end(2) : m.end(1), PhiType.LOCATION));
      }
    }
    if (!mentionsFacility(doc)) {
      return;
    }
    AnchoredMatcher ca = doc.at(CAMPUS, null);
    Matcher c = ca.match();
    while (ca.find()) {
      String w = c.group(1);
      if (!allow.allows(w) && !allow.nearlyAllows(w)) {
        out.add(new PhiSpan(c.start(1), c.end(), PhiType.LOCATION));
      }
    }
  }

  /** A short hospital or unit name after a transfer word: "sent to VTH", "transferred from kmc". */
  private static final Pattern SHORT_NAME_AFTER = Pattern.compile("(?i)\\b(?:transfer(?:red|ed)?|tranfer(?:red|ed)?|tx'?d?|sent|went|brought|flighted|enroute|admitted|presented"
          + "|arrived|returned|came|back)[ \\t]+(?:to|from|at)[ \\t]+(?:the[ \\t]+)?([a-z]{2,4})\\b(?![-/'])");

  /** A hospital by its words in any case: "university of vermontia", "kellsworth memorial", "st anselm hosp". */
  private static final Pattern FACILITY_ANY_CASE =
      Pattern.compile("(?i)\\b(?:(?:univ|university|u)[ \\t]+of[ \\t]+([a-z]+)"
          + "|([a-z]+[ \\t]+)?([a-z]+)[ \\t]+(?:hospital|hosp|medical center|med center|memorial|heart center|campus|clinic)\\b)");

  /** Words that describe a hospital instead of naming it: "outside hospital", "prolonged hospital stay". */
  static final Pattern DESCRIPTIVE =
      Pattern.compile("(?i)the|a|an|to|at|from|of|in|his|her|their|for|outside|prior|previous|other|local|same|another|this|that"
          + "|\\p{L}+(?:ing|ed)");

  static void findShortNames(NoteDocument doc, List<PhiSpan> out) {
    if (!doc.telegraphic()) {
      return;
    }
    AllowList allow = AllowList.shipped();
    AnchoredMatcher ma = doc.at(SHORT_NAME_AFTER, "tsbfeapc");
    Matcher m = ma.match();
    while (ma.find()) {
      String w = m.group(1);
      if (!allow.allows(w) && !NoteDocument.isShorthand(w.toLowerCase(java.util.Locale.ROOT))) {
        out.add(new PhiSpan(m.start(1), m.end(1), PhiType.LOCATION));
      }
    }
    if (!mentionsFacility(doc)) {
      return;
    }
    AnchoredMatcher fa = doc.at(FACILITY_ANY_CASE, null);
    Matcher f = fa.match();
    while (fa.find()) {
      if (f.group(1) != null) {
        out.add(new PhiSpan(f.start(), f.end(), PhiType.LOCATION));
        continue;
      }
      String w = f.group(3);
      String lower = w.toLowerCase(java.util.Locale.ROOT);
      if (!Lexicon.get().isCommonWord(lower) && !NoteDocument.isShorthand(lower) && !DESCRIPTIVE.matcher(lower).matches()) {
        int start = f.group(2) != null && !Lexicon.get().isCommonWord(f.group(2).strip().toLowerCase(java.util.Locale.ROOT))
            && !NoteDocument.isShorthand(f.group(2).strip().toLowerCase(java.util.Locale.ROOT)) ? f.start(2) : f.start(3);
        out.add(new PhiSpan(start, f.end(), PhiType.LOCATION));
      }
    }
  }

  /** Month and two-digit year ("6/93"), and four-digit years after a history word ("CABG 1962", "in 1979"). */
  private static final Pattern MONTH_SHORT_YEAR = Pattern.compile("(?<![\\d/.])(?:0?[1-9]|1[0-2])/(?:3[2-9]|[4-9]\\d)(?![\\d/%]|\\.\\d)");
  private static final Pattern HISTORY_YEAR =
      Pattern.compile("(?i)\\b(?:in|s/p|hx|history|dx|diagnosed|cabg(?: x\\d)?|mi|cva|ptca|stent|surgery|resection|lumpectomy|mastectomy"
          + "|repair|replacement|avr|mvr|tah|turp|dx'?d|(?<=(?:19|20)\\d\\d),)[ \\t]+((?:19[0-9]|20[0-2])\\d)\\b(?![:\\d-])");

  private static boolean mentionsFacility(NoteDocument doc) {
    String l = doc.lower();
    return l.contains("hosp") || l.contains("memorial") || l.contains("campus") || l.contains("clinic")
        || l.contains("center") || l.contains(" of ");
  }

  static void findShortYears(NoteDocument doc, List<PhiSpan> out) {
    if (!doc.telegraphic()) {
      return;
    }
    for (Pattern p : List.of(SHORT_YEAR, MONTH_SHORT_YEAR)) {
      AnchoredMatcher m = doc.at(p, "'\u20190123456789");
      while (m.find()) {
        out.add(new PhiSpan(m.start(), m.end(), PhiType.DATE));
      }
    }
    AnchoredMatcher ha = doc.at(HISTORY_YEAR, "ishdcmpsrlatv,");
    Matcher h = ha.match();
    while (ha.find()) {
      out.add(new PhiSpan(h.start(1), h.end(1), PhiType.DATE));
    }
  }
}
