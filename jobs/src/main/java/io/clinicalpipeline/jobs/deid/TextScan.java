package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;
import static io.clinicalpipeline.jobs.deid.FacilityRecogniser.*;
import static io.clinicalpipeline.jobs.deid.PlaceRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NamePatterns.*;
import static io.clinicalpipeline.jobs.deid.StreetRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameWords.*;
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Low-level scanning helpers shared by the recognisers: ASCII tests, word starts, prefix tables. */
final class TextScan {

  private TextScan() {}

  static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’-]*");

  static final Pattern SPACES = Pattern.compile("\\s+");

  static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:]+$");

  static boolean asciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean asciiLetter(char c) {
    char l = (char) (c | 0x20);
    return l >= 'a' && l <= 'z';
  }

  static boolean asciiWordChar(char c) {
    return asciiLetter(c) || asciiDigit(c) || c == '_';
  }

  static boolean asciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** A digit after a non-digit: where {@code \b\d}, {@code (?<![\w/.-])\d} and the lookbehind forms can start. */
  static boolean digitStart(String t, int i) {
    return asciiDigit(t.charAt(i)) && (i == 0 || !asciiDigit(t.charAt(i - 1)));
  }

  /** An ASCII letter after a character that is not an ASCII word character. */
  static boolean asciiWordStart(String t, int i) {
    return asciiLetter(t.charAt(i)) && (i == 0 || !asciiWordChar(t.charAt(i - 1)));
  }

  /** A table of the lower-case ASCII prefixes of length {@code len} (1..3) of {@code words}. */
  static boolean[] prefixTable(int len, String... words) {
    boolean[] table = new boolean[1 << (5 * len)];
    for (String w : words) {
      table[prefixKey(w, 0, len)] = true;
    }
    return table;
  }

  /** The key of {@code len} letters at {@code i} (ASCII letters, case folded), or -1 where there are none. */
  static int prefixKey(String t, int i, int len) {
    if (i + len > t.length()) {
      return -1;
    }
    int key = 0;
    for (int k = 0; k < len; k++) {
      char c = t.charAt(i + k);
      if (!asciiLetter(c)) {
        return -1;
      }
      key = key << 5 | ((c | 0x20) - 'a');
    }
    return key;
  }

  static boolean hasPrefix(boolean[] table, int len, String t, int i) {
    int key = prefixKey(t, i, len);
    return key >= 0 && table[key];
  }

  /** The letters of the word at {@code i} when it is followed by {@code after}-accepted text, else null. */
  static String wordAt(String t, int i, int maxLength) {
    int e = i;
    while (e < t.length() && Character.isLetter(t.charAt(e))) {
      if (e - i >= maxLength) {
        return null;
      }
      e++;
    }
    return t.substring(i, e);
  }

  /** The number of ASCII digits from {@code i} on. */
  static int digitRun(String t, int i) {
    int e = i;
    while (e < t.length() && asciiDigit(t.charAt(e))) {
      e++;
    }
    return e - i;
  }

  static char charAfter(String t, int i) {
    return i < t.length() ? t.charAt(i) : '\0';
  }

  @FunctionalInterface
  interface CharTest {
    boolean test(char c);
  }

  static boolean capital(char c) {
    return Character.isUpperCase(c) || Character.isSurrogate(c);
  }

  /**
   * Marks the positions {@code i} from which a run of {@code inRun} characters with at most {@code maxGaps}
   * blocks of spaces reaches one of {@code ends} (sorted): walking back from each end, never past the end before
   * it (whose walk marked what lies beyond already), so a text costs one pass.
   */
  static boolean[] reachBack(String t, int[] ends, CharTest inRun, int maxGaps) {
    boolean[] marks = new boolean[t.length() + 1];
    int floor = 0;
    for (int e : ends) {
      int gaps = 0;
      for (int i = e - 1; i >= floor && inRun.test(t.charAt(i)); i--) {
        if (asciiSpace(t.charAt(i)) && !asciiSpace(t.charAt(i + 1)) && ++gaps > maxGaps) {
          break;
        }
        marks[i] = true;
      }
      floor = e;
    }
    return marks;
  }

  static int digitCount(String s) {
    int d = 0;
    for (int i = 0; i < s.length(); i++) {
      d += asciiDigit(s.charAt(i)) ? 1 : 0;
    }
    return d;
  }

  /** The positions where a number starts (a digit after a non-digit). */
  static int[] digitStarts(String text, AnchoredMatcher.Tokens tokens) {
    int[] out = new int[Math.min(64, tokens.size())];
    int count = 0;
    for (int k = 0; k < tokens.size(); k++) {
      int i = tokens.at(k);
      if (digitStart(text, i)) {
        if (count == out.length) {
          out = java.util.Arrays.copyOf(out, Math.max(8, count * 2));
        }
        out[count++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, count);
  }

  /** Words as {@code [\p{L}][\p{L}\p{M}'’-]*} finds them: {start, end} pairs in order. */
  static List<int[]> words(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int j = i + Character.charCount(cp);
      while (j < n) {
        int c = text.codePointAt(j);
        int type = Character.getType(c);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
            || type == Character.COMBINING_SPACING_MARK;
        if (!(Character.isLetter(c) || mark || c == '\'' || c == '’' || c == '-')) {
          break;
        }
        j += Character.charCount(c);
      }
      out.add(new int[] {i, j});
      i = j;
    }
    return out;
  }

  static void findAll(Pattern p, String text, PhiType type, List<PhiSpan> out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(new PhiSpan(m.start(), m.end(), type));
      }
    }
  }

  static void findAll(AnchoredMatcher m, PhiType type, List<PhiSpan> out) {
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(new PhiSpan(m.start(), m.end(), type));
      }
    }
  }
}
