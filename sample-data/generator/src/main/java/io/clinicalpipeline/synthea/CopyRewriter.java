package io.clinicalpipeline.synthea;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rewrites text for one copy of a data set: every UUID becomes a new UUID (a keyed 128-bit permutation,
 * so distinct ids stay distinct and the same id maps alike in every file), every ISO date
 * {@code yyyy-MM-dd} (also the date part of timestamps) moves by the copy's day offset, and, where asked,
 * words that are patients' names become other names from the data set. One pass, no regular expressions.
 */
final class CopyRewriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long key;
  private final int dayOffset;
  private final Map<String, String> names;

  /**
   * @param copy the copy number, at least 1
   * @param names name word to replacement for this copy
   */
  CopyRewriter(int copy, Map<String, String> names) {
    SplittableRandom random = new SplittableRandom(0x5eed_c0_91L * copy + copy);
    this.key = random.nextLong();
    // Backwards only, so no copy reaches past the data set's reference date.
    this.dayOffset = -random.nextInt(1, 731);
    this.names = names;
  }

  int dayOffset() {
    return dayOffset;
  }

  /** The copy's UUID for {@code uuid} (36 characters, any case), lower case. */
  String uuid(CharSequence uuid) {
    long hi = 0;
    long lo = 0;
    int n = 0;
    for (int i = 0; i < 36; i++) {
      char c = uuid.charAt(i);
      if (c == '-') {
        continue;
      }
      long v = Character.digit(c, 16);
      if (n < 16) {
        hi = (hi << 4) | v;
      } else {
        lo = (lo << 4) | v;
      }
      n++;
    }
    for (int round = 0; round < 4; round++) {
      long t = lo;
      lo = hi ^ mix(lo ^ key ^ round);
      hi = t;
    }
    char[] out = new char[36];
    int p = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[p++] = '-';
      }
      long word = i < 16 ? hi : lo;
      out[p++] = HEX[(int) (word >>> (60 - 4 * (i % 16))) & 0xf];
    }
    return new String(out);
  }

  /** The name replacing {@code word}, or {@code word}. */
  String name(String word) {
    return names.getOrDefault(word, word);
  }

  /** Ids and dates rewritten; names too when {@code withNames}. JSON escapes are word breaks. */
  String rewrite(String s, boolean withNames) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    int i = 0;
    int escapeEnd = -1;
    while (i < n) {
      char c = s.charAt(i);
      boolean boundary = i == 0 || i == escapeEnd || !Character.isLetterOrDigit(s.charAt(i - 1));
      if (boundary && i + 36 <= n && isUuidAt(s, i) && (i + 36 == n || !Character.isLetterOrDigit(s.charAt(i + 36)))) {
        out = append(out, s, copied, i).append(uuid(s.subSequence(i, i + 36)));
        i += 36;
        copied = i;
      } else if (boundary && c >= '0' && c <= '9' && i + 10 <= n && isDateAt(s, i)
          && (i + 10 == n || !Character.isDigit(s.charAt(i + 10)))) {
        String shifted = shift(s, i);
        if (shifted != null) {
          out = append(out, s, copied, i).append(shifted);
          copied = i + 10;
        }
        i += 10;
      } else if (withNames && boundary && Character.isLetter(c)) {
        int end = i;
        while (end < n && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '\'')) {
          end++;
        }
        String word = s.substring(i, end);
        String replacement = names.get(word);
        if (replacement != null) {
          out = append(out, s, copied, i).append(replacement);
          copied = end;
        }
        i = end;
      } else if (c == '\\' && i + 1 < n) {
        i += s.charAt(i + 1) == 'u' ? Math.min(6, n - i) : 2;
        escapeEnd = i;
      } else {
        i++;
      }
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  private static StringBuilder append(StringBuilder out, String s, int from, int to) {
    if (out == null) {
      out = new StringBuilder(s.length() + 16);
    }
    return out.append(s, from, to);
  }

  static boolean isUuidAt(String s, int i) {
    for (int k = 0; k < 36; k++) {
      char c = s.charAt(i + k);
      if (k == 8 || k == 13 || k == 18 || k == 23) {
        if (c != '-') {
          return false;
        }
      } else if (Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDateAt(String s, int i) {
    for (int k = 0; k < 10; k++) {
      char c = s.charAt(i + k);
      if (k == 4 || k == 7 ? c != '-' : c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private String shift(String s, int i) {
    try {
      LocalDate d =
          LocalDate.of(
              Integer.parseInt(s, i, i + 4, 10),
              Integer.parseInt(s, i + 5, i + 7, 10),
              Integer.parseInt(s, i + 8, i + 10, 10));
      return d.plusDays(dayOffset).toString();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** A strong 64-bit mixer (the finaliser of SplitMix64). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
