package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Dates: numeric, ISO and written forms, partial dates, weekdays, relative dates, and bare years with a context that ties them to a person. */
final class DateRecogniser {

  private DateRecogniser() {}

  static final String MONTH =
      "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

  static final String ORD = "(?:st|nd|rd|th)?";

  static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])" + ORD;

  static final String YEAR = "(?:(?:19|20)\\d\\d|'\\d\\d)";

  /** Date patterns; group "d" is the date, ranges are matched whole. */
  static final Pattern DATE =
      Pattern.compile(
          String.join(
              "|",
              // ISO with optional time
              "\\b(?:19|20)\\d\\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01])(?:[T ](?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?Z?)?\\b",
              "\\b(?:19|20)\\d\\d/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])\\b",
              // numeric m/d/y or d.m.y (one separator: "23-31/13" is a pressure), optional range to another m/d(/y)
              "\\b(?:[01]?\\d|2\\d|3[01])(?<sep>[/.-])(?:[01]?\\d|2\\d|3[01])\\k<sep>(?:(?:19|20)?\\d\\d)\\b(?:\\s?(?:-|to|through)\\s?(?:[01]?\\d|2\\d|3[01])[/.-](?:[01]?\\d|2\\d|3[01])(?:[/.-](?:(?:19|20)?\\d\\d))?\\b)?",
              // month/year
              "\\b(?:0?[1-9]|1[0-2])/(?:19|20)\\d\\d\\b",
              // partial m/d, optional range
              "(?<![\\d/.])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])(?:\\s?-\\s?(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01]))?(?![\\d/])",
              // Month d(-d), yyyy ; Month d ; Month yyyy
              "(?i:\\b" + MONTH + ")\\.?\\s+" + DAY + "(?:\\s*(?:-|to|through|and)\\s*(?:(?i:" + MONTH + ")\\.?\\s+)?" + DAY
                  + ")?(?:,?\\s+(?:of\\s+)?" + YEAR + ")?\\b",
              "(?i:\\b" + MONTH + ")\\.?,?\\s+(?:of\\s+)?" + YEAR + "\\b",
              // d Month yyyy, d(th) of Month
              "\\b" + DAY + "(?:\\s*-\\s*" + DAY + ")?\\s+(?:of\\s+)?(?i:" + MONTH + ")\\b\\.?(?:,?\\s+" + YEAR + ")?",
              // weekdays
              "(?i:\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b)",
              // relative dates
              "(?i:\\b(?:last|this past|past|next|early|late|mid)[\\s-]+)(?:week|weekend|month|summer|winter|spring|fall|autumn|(?i:" + MONTH + ")\\b|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b",
              // holidays that name a date
              "\\b(?:Christmas|Thanksgiving|New Year's|Halloween|Easter)(?: Day| Eve)?(?:,?\\s+(?:19|20)\\d\\d)?\\b"));

  /**
   * A bare year where the words before it make it a point in time: "during 2017", "the summer of 2009", "the
   * Act of 1998". Not after "in", "since" or "from": clinical questions use those with years that Safe Harbor
   * lets stay ("diagnosed in 2021", "guidelines from 2023").
   */
  static final Pattern CONTEXT_YEAR =
      Pattern.compile(
          "(?<=\\b(?i:during|throughout|(?:summer|winter|spring|fall|autumn|end|beginning|start|middle|half|class|act)\\s+of)\\s{1,2})"
              + "(?:19|20)\\d\\d\\b(?![-/.:]\\d)");

  /**
   * A bare year after a preposition or an article ("in 2014", "since 1998", "a 2005 film"). Read as a date only
   * in a sentence that also names a person, a place or an address: there the year is an element of a date
   * tied to an identified individual. Alone ("diagnosed in 2021") a year stays, as Safe Harbor allows.
   */
  static final Pattern YEAR_AFTER_WORD =
      Pattern.compile(
          "(?<=\\b(?i:in|since|from|until|till|by|around|circa|a|an)\\s{1,2})(?:19|20)\\d\\d\\b(?![-/.:,]\\d)"
              + "(?!\\s*(?i:mg|mcg|ml|kg|g|units?|iu|steps|calories|kcal|mm|cm|m|km|patients|people|cases|times|dollars|usd)\\b)");

  /** Sentence search distance for {@link #YEAR_AFTER_WORD}, each way; keeps the check linear in the text. */
  static final int YEAR_SENTENCE_REACH = 250;

  static final Pattern MONTH_WORD = Pattern.compile(MONTH);

  /** First three letters (lower case) of the words a date can start with: months, weekdays, relative, holidays. */
  static final boolean[] DATE_WORDS =
      prefixTable(3, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "monday",
          "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "this", "past", "next", "early",
          "late", "mid", "christmas", "thanksgiving", "new", "halloween", "easter");

  /** Every numeric date form starts with 1, 2 or 4 digits. */
  static boolean dateStart(String t, int i) {
    if (digitStart(t, i)) {
      return digitRun(t, i) <= 4;
    }
    return asciiWordStart(t, i) && hasPrefix(DATE_WORDS, 3, t, i);
  }

  /** Four digits starting with 1 or 2, a possible year. */
  static boolean yearStart(String t, int i) {
    char c = t.charAt(i);
    return (c == '1' || c == '2') && digitStart(t, i) && digitRun(t, i) == 4;
  }

  static void findDates(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher m = new AnchoredMatcher(DATE, text, tokens, DateRecogniser::dateStart);
    while (m.find()) {
      String s = m.group();
      if (Regexes.matches(s, "\\d{1,2}/\\d{1,2}") && !plausiblePartialDate(text, m.start(), m.end(), s)) {
        continue;
      }
      if (Regexes.matches(s, "(?i)may\\s+\\d.*") && Character.isLowerCase(s.charAt(0)) && !Regexes.matches(s, "(?i)may\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+\\d{4}")) {
        continue;
      }
      if (Regexes.matches(s, "(?i)(mar|dec|jan|sept?|oct|nov|aug|jun|jul|apr|feb)\\s+\\d{1,2}") && Character.isLowerCase(s.charAt(0))) {
        continue;
      }
      if (Regexes.matches(s, "\\d{1,2}[.]\\d{1,2}[.]\\d{2}")) {
        continue; // version-like numbers such as 1.2.10
      }
      out.add(new PhiSpan(m.start(), m.end(), PhiType.DATE));
    }
    findAll(new AnchoredMatcher(CONTEXT_YEAR, text, tokens, DateRecogniser::yearStart), PhiType.DATE, out);
  }

  /** Years after "in", "since", "a" ... in a sentence that also holds a name, a place or an address span. */
  static void findYearsNearIdentities(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> spans) {
    java.util.BitSet identity = null;
    AnchoredMatcher m = new AnchoredMatcher(YEAR_AFTER_WORD, text, tokens, DateRecogniser::yearStart);
    List<PhiSpan> years = new ArrayList<>();
    while (m.find()) {
      if (identity == null) {
        identity = new java.util.BitSet(text.length());
        for (PhiSpan s : spans) {
          if (s.type() == PhiType.NAME || s.type() == PhiType.LOCATION || s.type() == PhiType.ADDRESS) {
            identity.set(s.start(), s.end());
          }
        }
        if (identity.isEmpty()) {
          return;
        }
      }
      int from = sentenceBound(text, m.start(), -1);
      int to = sentenceBound(text, m.end(), 1);
      int hit = identity.nextSetBit(from);
      if (hit >= 0 && hit < to) {
        years.add(new PhiSpan(m.start(), m.end(), PhiType.DATE));
      }
    }
    spans.addAll(years);
  }

  /**
   * The sentence holding {@code i}, at most the reach each way: {@code step} -1 gives where it begins (after a
   * line break or a full stop), +1 where it ends (at one).
   */
  static int sentenceBound(String text, int i, int step) {
    int limit = step < 0 ? Math.max(0, i - YEAR_SENTENCE_REACH) : Math.min(text.length(), i + YEAR_SENTENCE_REACH);
    for (int k = step < 0 ? i - 1 : i; step < 0 ? k > limit : k < limit; k += step) {
      char c = text.charAt(k);
      if (c == '\n' || (c == '.' || c == '!' || c == '?') && sentenceStop(text, k)) {
        return step < 0 ? k + 1 : k;
      }
    }
    return limit;
  }

  /**
   * A stop at {@code k} ends a sentence when a blank or the end follows and it does not close an abbreviation
   * or an initial ("Ltd.", "Dr.", "J."): a capitalised word of up to three letters.
   */
  static boolean sentenceStop(String text, int k) {
    if (k + 1 < text.length() && !Character.isWhitespace(text.charAt(k + 1))) {
      return false;
    }
    if (text.charAt(k) != '.') {
      return true;
    }
    int w = k;
    while (w > 0 && Character.isLetter(text.charAt(w - 1)) && k - w < 4) {
      w--;
    }
    return !(k - w <= 3 && k > w && Character.isUpperCase(text.charAt(w)) && (w == 0 || !Character.isLetter(text.charAt(w - 1))));
  }

  /**
   * A bare {@code m/d} is a date unless it reads as a fraction ("1/2", "3/4"), a score or grade ("4/5", "2/6",
   * "8/10" beside a scale word), ventilator settings ("cpap 5/5", "psv of 10/5") or part of a pressure range
   * ("20-25/10", "30/10-13"). Improper ratios ("4/1", "3/2") and tenths without a scale word are dates.
   */
  static boolean plausiblePartialDate(String text, int start, int end, String s) {
    String[] parts = s.split("[/\\s-]+");
    int a = Integer.parseInt(parts[0]);
    int b = Integer.parseInt(parts[1]);
    if (a <= b && b <= 4) {
      return false;
    }
    String before = text.substring(Math.max(0, start - 24), start).toLowerCase(Locale.ROOT);
    String after = text.substring(end, Math.min(text.length(), end + 24)).toLowerCase(Locale.ROOT);
    if (Regexes.matches(before, "(?s).*\\d-$") || parts.length == 2 && Regexes.matches(after, "(?s)^-\\d+(?![\\d/]).*")) {
      return false;
    }
    if (Regexes.matches(before, "(?s).*\\b(pain|score|scale|strength|power|rated|ratio|bp|blood pressure|motor|reflexes|murmur|grade|sem|hsm)\\W*$")
        || Regexes.matches(before, VENTILATOR_BEFORE)) {
      return false;
    }
    if (Regexes.matches(after, VENTILATOR_AFTER)) {
      return false;
    }
    if (a <= b && (b == 5 || b == 6 || b == 10) && !Regexes.matches(before, DATE_CUE_BEFORE)) {
      return false; // 4/5 strength, 2/6 murmur, 8/10: dates only after a date word
    }
    return !Regexes.matches(after, "(?s)^\\s*(?:[a-z]+\\s+)?(tab|tablet|cup|dose|strength|of|power|scale|score|mmhg|pain|murmur|vision|sem|hsm)\\b.*");
  }

  /** Ventilator settings before a pressure pair: "cpap 5/5", "psv of 10/5", "weaned to 10/5", "mask ventilation". */
  private static final String VENTILATOR_BEFORE =
      "(?s).*\\b(c ?pap|bi ?pap|psv?|peep|pressure support|vent|ventilation|settings?|weaned?(?: down)? to|weaning(?: down)?(?: to| on)?)\\W*(?:of\\W*)?$";

  /** Ventilator settings after a pressure pair: "5/5 35% fio2", "10/5, 60%", "5/5-.40". */
  private static final String VENTILATOR_AFTER = "(?s)^[\\s,]*(?:-?\\.\\d|\\d{2}\\s?%|fio2|peep|ps\\b|psv|cpap).*";

  /** Words a date follows ("on 4/5", "since 9/10", "s/p cabg 2/7", "extubated 4/1"), or a line's start. */
  private static final String DATE_CUE_BEFORE =
      "(?s)(?:|.*\\n)[ \\t]*|.*\\b(on|since|from|until|till|of|dated?|s/p|cabg|cath|extub\\w*|intub\\w*|admit\\w*|adm|d/c'?d?|discharged|started|began|weaned)\\W*$";
}
