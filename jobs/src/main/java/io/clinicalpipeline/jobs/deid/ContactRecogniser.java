package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
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
import java.util.Locale;
import java.util.regex.Pattern;

/** Contact identifiers: e-mail addresses, URLs, IPv4 and IPv6 addresses, SSNs, phone and fax numbers. */
final class ContactRecogniser {

  private ContactRecogniser() {}

  static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\d][\\p{L}\\d._%+-]*@[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)+");

  static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:https?://|ftp://|www\\.)[^\\s<>\"')\\]]+"
              + "|\\b(?:[a-z\\d-]+\\.)+(?:com|org|net|edu|gov|io|info|biz|health|us|uk|ca|de|fr|it|es|nl|se|no|dk|fi|ch|at|be|pl|cz|hu|pt|br|au|nz|jp|cn|ru|gr|cy|uy|ar|mx)(?:/[^\\s<>\"')]*)?\\b");

  static final Pattern IP =
      Pattern.compile(
          "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"
              + "|(?i)(?<![\\w:])(?:[0-9a-f]{1,4}:){2,7}(?::?[0-9a-f]{1,4}){1,7}(?![\\w:])");

  static final Pattern SSN =
      Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b|\\b\\d{3} \\d{2} \\d{4}\\b|(?i)(?<=\\bssn:?\\s{0,2}#?)\\d{9}\\b");

  static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w/.-])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?(?:\\(\\d\\)\\s?)?)?\\d{1,5}(?:[\\s.-]\\d{2,8}){1,4}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,5})?(?![\\w/]|-\\d)"
              + "|(?<![\\w/.-])\\+\\d[\\d\\s().-]{7,}\\d");

  /** Words just before a number that make it a phone number: "Phone: 467 3395", "call me on 450 0840". */
  static final Pattern PHONE_CONTEXT_BEFORE =
      Pattern.compile("\\b(?:phone|tel|telephone|mobile|cell|call|reach|contact|fax|desk|office|home|work|pager|number|registered|answering|dial|text)\\b\\W*(?:(?:me|us|him|her|them|on|at|is|was|no|number|#)\\W+){0,3}$");

  /** "nnn-nn-nnnn", "nnn nn nnnn" or nine digits. */
  static boolean ssnStart(String t, int i) {
    if (!digitStart(t, i)) {
      return false;
    }
    int run = digitRun(t, i);
    char after = charAfter(t, i + run);
    return run == 3 && (after == '-' || after == ' ') || run >= 9;
  }

  /** "+", "(", or a group of up to five digits followed by a space, dot or hyphen. */
  static boolean phoneStart(String t, int i) {
    char c = t.charAt(i);
    if (c == '+' || c == '(') {
      return true;
    }
    if (!digitStart(t, i)) {
      return false;
    }
    int run = digitRun(t, i);
    char after = charAfter(t, i + run);
    return run <= 5 && (asciiSpace(after) || after == '.' || after == '-');
  }

  /** A URL is a run of {@code [A-Za-z0-9-]} followed by "." (a host, "www.") or ":" ("https:"). */
  static boolean urlStart(String t, int i) {
    char c = t.charAt(i);
    if (c != '-' && !(asciiWordStart(t, i) || digitStart(t, i))) {
      return false;
    }
    int e = i;
    while (e < t.length() && (asciiLetter(t.charAt(e)) || asciiDigit(t.charAt(e)) || t.charAt(e) == '-')) {
      e++;
    }
    return e < t.length() && (t.charAt(e) == '.' || t.charAt(e) == ':');
  }

  /** IPv4: up to three digits and a dot; IPv6: up to four hex digits and a colon. */
  static boolean ipStart(String t, int i) {
    char c = t.charAt(i);
    char l = (char) (c | 0x20);
    boolean hex = asciiDigit(c) || l >= 'a' && l <= 'f';
    if (!hex || i > 0 && asciiWordChar(t.charAt(i - 1))) {
      return false;
    }
    int run = digitRun(t, i);
    if (run >= 1 && run <= 3 && charAfter(t, i + run) == '.') {
      return true;
    }
    int e = i;
    while (e < t.length() && e - i <= 4 && (asciiDigit(t.charAt(e)) || (t.charAt(e) | 0x20) >= 'a' && (t.charAt(e) | 0x20) <= 'f')) {
      e++;
    }
    return e - i <= 4 && charAfter(t, e) == ':';
  }

  static void findPhones(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher m = new AnchoredMatcher(PHONE, text, tokens, ContactRecogniser::phoneStart);
    while (m.find()) {
      String s = m.group();
      int digits = 0;
      for (int i = 0; i < s.length(); i++) {
        if (Character.isDigit(s.charAt(i))) {
          digits++;
        }
      }
      if (digits < 7 || digits > 16) {
        continue;
      }
      if (Regexes.matches(s, "\\d+(?:\\.\\d+)+") && !Regexes.matches(s, "\\d{2}(?:\\.\\d{2}){3,4}|\\d{3}\\.\\d{3}\\.\\d{4}")) {
        continue; // decimals and version numbers, but not "555.201.3344"
      }
      if (!Regexes.matches(s, ".*[-.()+].*") && digits < 8 && !PHONE_CONTEXT_BEFORE.matcher(
          text.substring(Math.max(0, m.start() - 30), m.start()).toLowerCase(Locale.ROOT)).find()) {
        continue; // "467 3395" needs a separator other than space, more digits or a phone word before it
      }
      String before = text.substring(Math.max(0, m.start() - 12), m.start()).toLowerCase(Locale.ROOT);
      PhiType type = before.contains("fax") ? PhiType.FAX : PhiType.PHONE;
      out.add(new PhiSpan(m.start(), m.end(), type));
    }
  }
}
