package io.clinicalpipeline.jobs.deid;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Matcher#find()} that tries a pattern only where a cheap test on the text says a match can start (a
 * digit after a non-digit, a word beginning with a month's letters, ...), instead of running a large pattern at
 * every character. Finds exactly what {@code find()} finds as long as the test accepts every position where the
 * pattern can match: each candidate is tried with {@code lookingAt} over the rest of the text with transparent
 * bounds, so lookbehind and {@code \b} still see the characters before it. Candidates are taken from the
 * text's {@link Tokens}. Not thread-safe; one per text and pattern.
 */
final class AnchoredMatcher {

  /** Whether a match of the pattern can start at {@code i} of {@code text} (may say yes too often, never too rarely). */
  @FunctionalInterface
  interface Starts {
    boolean test(String text, int i);
  }

  /**
   * The positions of a text where a token starts, in order: every non-space character that differs in kind
   * (ASCII letter, ASCII digit, other letter, other) from the one before it, every punctuation character and
   * every capital. Every pattern the note detector anchors starts at one of them, so each {@link Starts} test
   * runs only here.
   */
  static final class Tokens {
    private final int[] at;
    private final int size;

    private Tokens(int[] at, int size) {
      this.at = at;
      this.size = size;
    }

    int size() {
      return size;
    }

    int at(int k) {
      return at[k];
    }

    static Tokens of(String text) {
      int[] at = new int[Math.max(8, text.length() / 3)];
      int size = 0;
      int prev = -1;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        int kind = kind(c);
        if (kind != 0 && (kind != prev || kind == 4 || Character.isUpperCase(c) || Character.isSurrogate(c))) {
          if (size == at.length) {
            at = java.util.Arrays.copyOf(at, size * 2);
          }
          at[size++] = i;
        }
        prev = kind;
      }
      return new Tokens(at, size);
    }

    /** 0 space, 1 ASCII letter, 2 ASCII digit, 3 other letter or mark, 4 anything else. */
    private static int kind(char c) {
      if (c < 0x80) {
        char l = (char) (c | 0x20);
        if (l >= 'a' && l <= 'z') {
          return 1;
        }
        if (c >= '0' && c <= '9') {
          return 2;
        }
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B' ? 0 : 4;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return 0;
      }
      int type = Character.getType(c);
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK;
      return Character.isLetterOrDigit(c) || mark ? 3 : 4;
    }
  }

  private final Matcher m;
  private final String text;
  private final Tokens tokens;
  private final Starts starts;
  private int from;
  private int next; // index into tokens

  AnchoredMatcher(Pattern pattern, String text, Tokens tokens, Starts starts) {
    this.m = pattern.matcher(text);
    this.m.useTransparentBounds(true);
    this.m.useAnchoringBounds(false);
    this.text = text;
    this.tokens = tokens;
    this.starts = starts;
  }

  /** The next match at or after the end of the previous one, as {@link Matcher#find()}. */
  boolean find() {
    int n = text.length();
    while (next < tokens.size) {
      int i = tokens.at[next++];
      if (i >= from && starts.test(text, i)) {
        m.region(i, n);
        if (m.lookingAt()) {
          from = m.end() > m.start() ? m.end() : m.end() + 1;
          return true;
        }
      }
    }
    from = n;
    return false;
  }

  /**
   * Drops the current match: the next {@link #find()} looks for one that starts inside it, as {@code find(start
   * + 1)} would, for a caller that turned the match down for its first word.
   */
  void skipFirstStart() {
    from = m.start() + 1;
  }

  /** The matcher holding the current match's groups (offsets into the whole text). */
  Matcher match() {
    return m;
  }

  int start() {
    return m.start();
  }

  int end() {
    return m.end();
  }

  String group() {
    return m.group();
  }
}
