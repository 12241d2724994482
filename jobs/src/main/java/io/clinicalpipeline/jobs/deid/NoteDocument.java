package io.clinicalpipeline.jobs.deid;

import java.util.ArrayList;
import java.util.List;

/**
 * One note as every recogniser sees it, computed once: the text, its token starts and number starts, its
 * case profile, line starts and section headings ("NEURO:", "cv:" opening a line).
 */
final class NoteDocument {

  private final String text;
  private final CaseProfile profile;
  private final AnchoredMatcher.Tokens tokens;
  private final int[] digits;
  private final int[] lineStarts;
  private final boolean telegraphic;
  private String lower;

  /** Ward-note shorthand ("pt", "hr", "s/p", "prn"): a note dense in it is telegraphic whatever its case. */
  private static final java.util.Set<String> SHORTHAND = shorthand();

  private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9/'&]*");

  /** At least this many words, of which at least {@link #SHORTHAND_SHARE} shorthand, make a ward note. */
  static final int SHORTHAND_MIN_WORDS = 45;

  static final double SHORTHAND_SHARE = 0.10;

  NoteDocument(String text) {
    this.text = text;
    this.profile = CaseProfile.of(text);
    this.tokens = AnchoredMatcher.Tokens.of(text);
    this.digits = TextScan.digitStarts(text, tokens);
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts.add(i + 1);
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    telegraphic = profile.telegraphic() || shorthandDense(text);
  }

  private static java.util.Set<String> shorthand() {
    java.util.Set<String> s = new java.util.HashSet<>();
    for (String line : Lexicon.readResource("/io/clinicalpipeline/jobs/deid/lexicon/clinical-shorthand.txt")) {
      s.addAll(java.util.Arrays.asList(line.toLowerCase(java.util.Locale.ROOT).split("\\s+")));
    }
    return s;
  }

  /** Whether the lower-case word is ward shorthand. */
  static boolean isShorthand(String lower) {
    return SHORTHAND.contains(lower);
  }

  static boolean shorthandDense(String text) {
    java.util.regex.Matcher m = TOKEN.matcher(text);
    int words = 0;
    int shorthand = 0;
    while (m.find()) {
      words++;
      if (SHORTHAND.contains(m.group().toLowerCase(java.util.Locale.ROOT))) {
        shorthand++;
      }
    }
    return words >= SHORTHAND_MIN_WORDS && shorthand >= SHORTHAND_SHARE * words;
  }

  /**
   * A ward note: capitals or lower case throughout, or dense in shorthand. There capitalisation and word
   * shape say little, so the allow-list and the number-shape vetoes apply in full.
   */
  boolean telegraphic() {
    return telegraphic;
  }

  String text() {
    return text;
  }

  CaseProfile profile() {
    return profile;
  }

  /** Mostly capitals (the name lists decide there, as the recognisers have always read it). */
  boolean capitals() {
    return profile == CaseProfile.CAPITALS;
  }

  AnchoredMatcher.Tokens tokens() {
    return tokens;
  }

  int[] digits() {
    return digits;
  }

  /** The start of the line holding {@code i}. */
  int lineStart(int i) {
    int k = java.util.Arrays.binarySearch(lineStarts, i);
    return k >= 0 ? lineStarts[k] : lineStarts[-k - 2];
  }

  /** Whether {@code [start, end)} is a section heading: the first words of a line, then a colon. */
  boolean heading(int start, int end) {
    int ls = lineStart(start);
    for (int i = ls; i < start; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    int k = end;
    while (k < text.length() && text.charAt(k) == ' ') {
      k++;
    }
    return k < text.length() && (text.charAt(k) == ':' || text.charAt(k) == '-' && end - start <= 6);
  }

  /** The note in lower case (for cheap "does it mention ..." tests). */
  String lower() {
    if (lower == null) {
      lower = text.toLowerCase(java.util.Locale.ROOT);
    }
    return lower;
  }

  /**
   * {@code p} tried only at word starts whose first character (lower case) is one of {@code firsts}, or at every
   * word start when {@code firsts} is null: for patterns that open with such a word, digit or mark.
   */
  AnchoredMatcher at(java.util.regex.Pattern p, String firsts) {
    return new AnchoredMatcher(p, text, tokens, (t, i) ->
        (firsts == null ? Character.isLetter(t.charAt(i)) : firsts.indexOf(Character.toLowerCase(t.charAt(i))) >= 0)
            && (i == 0 || startsHere(t.charAt(i - 1), t.charAt(i))));
  }

  /** A word starts after no letter or digit, a number after no digit, a mark anywhere. */
  private static boolean startsHere(char before, char c) {
    if (Character.isLetter(c)) {
      return !Character.isLetterOrDigit(before);
    }
    return !Character.isDigit(c) || !Character.isDigit(before);
  }

  /** Up to {@code n} characters before {@code i}, lower case. */
  String before(int i, int n) {
    return text.substring(Math.max(0, i - n), i).toLowerCase(java.util.Locale.ROOT);
  }

  /** Up to {@code n} characters after {@code i}. */
  String after(int i, int n) {
    return text.substring(i, Math.min(text.length(), i + n));
  }
}
