package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Identifiers by label ("MRN: ...", "policy #...") and by shape (code-like tokens with many digits, IBAN-like numbers). */
final class IdRecogniser {

  private IdRecogniser() {}

  static final Pattern LABELLED_ID =
      Pattern.compile(
          "(?i)\\b(mrn|medical record(?: number| no\\.?| #)?|record(?: number| no\\.?| #)|chart(?: number| no\\.?| #)"
              + "|(?:patient|pt|member|subscriber|insurance|plan|beneficiary|site|device|study|case|claim|account|acct|policy|group|unique|encounter|visit)"
              + "(?: id| number| no\\.?| #|#)|account|acct|policy|id|ids|npi|dea|license(?: number| no\\.?| #)?|licence(?: number| no\\.?| #)?"
              + "|lic\\.?(?: #)?|certificate(?: number| no\\.?| #)?|serial(?: number| no\\.?| #)?|passport(?: number| no\\.?| #)?"
              + "|driver'?s licen[cs]e(?: number| no\\.?| #)?|health plan(?: id| number| no\\.?)?|beneficiary|case)"
              + "\\s*(?:is|was|=|of)?\\s*[:#]?\\s*(#?[A-Za-z]{0,6}[-#]?\\d[A-Za-z0-9-]*)");

  static final Pattern CODE_TOKEN =
      Pattern.compile("(?<![\\w-])#?(?=[A-Za-z0-9-]*\\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\\w])");

  static final Pattern IBAN = Pattern.compile("(?i)\\b[a-z]{2}\\d{2}[a-z0-9]{11,30}\\b");

  /** First two letters of the labels LABELLED_ID starts with. */
  static final boolean[] LABEL_WORDS =
      prefixTable(2, "mrn", "medical", "record", "chart", "patient", "pt", "member", "subscriber", "insurance", "plan",
          "beneficiary", "site", "device", "study", "case", "claim", "account", "acct", "policy", "group", "unique",
          "encounter", "visit", "id", "npi", "dea", "license", "licence", "lic", "certificate", "serial", "passport",
          "driver", "health");

  static boolean labelStart(String t, int i) {
    return asciiWordStart(t, i) && hasPrefix(LABEL_WORDS, 2, t, i);
  }

  static boolean ibanStart(String t, int i) {
    return i + 4 <= t.length() && asciiWordStart(t, i) && asciiLetter(t.charAt(i + 1)) && asciiDigit(t.charAt(i + 2))
        && asciiDigit(t.charAt(i + 3));
  }

  /** CODE_TOKEN: an optional '#', then letters, digits and hyphens of which one is a digit. */
  static boolean codeTokenStart(String t, int i) {
    char c = t.charAt(i);
    if (c != '#' && !asciiLetter(c) && !asciiDigit(c)) {
      return false;
    }
    if (i > 0 && (asciiWordChar(t.charAt(i - 1)) || t.charAt(i - 1) == '-')) {
      return false;
    }
    for (int e = c == '#' ? i + 1 : i; e < t.length(); e++) {
      char x = t.charAt(e);
      if (asciiDigit(x)) {
        return true;
      }
      if (!asciiLetter(x) && x != '-') {
        return false;
      }
    }
    return false;
  }

  static boolean labelRunChar(char c) {
    return Character.isLetter(c) || asciiSpace(c) || c == '.' || c == '#' || c == '\'' || c == '=' || c == ':' || c == '-';
  }

  /**
   * LABELLED_ID is a label, at most a few separator words and a value with a digit: it can start only at a label
   * from which letters, spaces and {@code .#'=:-} reach a digit. Null without digits.
   */
  static AnchoredMatcher.Starts labelStarts(String text, int[] digits) {
    if (digits.length == 0) {
      return null;
    }
    boolean[] marks = reachBack(text, digits, IdRecogniser::labelRunChar, 8);
    return (t, i) -> marks[i] && labelStart(t, i);
  }

  static void findLabelledIds(String text, AnchoredMatcher.Tokens tokens, int[] digits, List<PhiSpan> out) {
    AnchoredMatcher.Starts starts = labelStarts(text, digits);
    if (starts == null) {
      return;
    }
    AnchoredMatcher a = new AnchoredMatcher(LABELLED_ID, text, tokens, starts);
    Matcher m = a.match();
    while (a.find()) {
      String label = m.group(1).toLowerCase(Locale.ROOT);
      String value = m.group(2);
      int valueDigits = digitCount(value);
      if (valueDigits < 2 || Regexes.matches(value, "\\d{1,3}") || Regexes.matches(value, "(?:19|20)\\d\\d")) {
        continue;
      }
      PhiType type =
          label.startsWith("mrn") || label.contains("record") || label.contains("chart")
              ? PhiType.MRN
              : label.contains("acc") || label.contains("acct") || label.contains("policy") || label.contains("plan")
                      || label.contains("member") || label.contains("subscriber") || label.contains("beneficiary")
                      || label.contains("insurance") || label.contains("claim") || label.contains("group")
                  ? PhiType.ACCOUNT
                  : label.contains("lic") || label.contains("certificate") || label.contains("passport")
                          || label.equals("npi") || label.equals("dea")
                      ? PhiType.LICENSE
                      : PhiType.ID;
      int start = type == PhiType.ID ? m.start() : m.start(2);
      out.add(new PhiSpan(start, m.end(2), type));
    }
  }

  /** Code-like tokens with many digits: record numbers, plan ids, card and account numbers. */
  static void findCodeTokens(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher m = new AnchoredMatcher(CODE_TOKEN, text, tokens, IdRecogniser::codeTokenStart);
    while (m.find()) {
      String s = m.group();
      int digits = 0;
      int letters = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isDigit(c)) {
          digits++;
        } else if (Character.isLetter(c)) {
          letters++;
        }
      }
      if (digits < 4 || (digits == 4 && letters == 0 && !s.contains("-"))) {
        continue; // a 4-digit number is usually a year or a quantity
      }
      if (Regexes.matches(s, "(?:19|20)\\d\\d(?:-(?:19|20)?\\d\\d)?") || Regexes.matches(s, "(?:19|20)\\d\\d'?s")) {
        continue;
      }
      if (digits == 4 && letters > 0 && Regexes.matches(s, "(?i)[a-z]+-?(?:19|20)\\d\\d")) {
        continue; // COVID-2019 style
      }
      if (digits < 5 && !s.contains("-") && letters == 0) {
        continue;
      }
      if (MeasureShapes.measurement(text, m.start(), m.end())) {
        continue;
      }
      String after = text.substring(m.end(), Math.min(text.length(), m.end() + 12)).toLowerCase(Locale.ROOT);
      if (letters == 0 && Regexes.matches(after, "^\\s*(?:units?|iu|mg|mcg|ml|cells|copies|steps|calories|kcal|dollars|people|patients|cases|/).*")) {
        continue;
      }
      PhiType type = letters == 0 && digits >= 13 && !s.contains("-") ? PhiType.ACCOUNT : PhiType.ID;
      out.add(new PhiSpan(m.start(), m.end(), type));
    }
  }
}
