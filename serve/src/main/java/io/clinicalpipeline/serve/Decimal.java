package io.clinicalpipeline.serve;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number ({@code -12.5}, {@code 3e-4}) from bytes into the float that
 * {@link Float#parseFloat} gives, without building a String for the common case: when the digits fit in 24
 * bits and the power of ten is at most 10, both are exact floats and one float division or multiplication
 * rounds correctly (Clinger's fast path). Anything else goes to {@code Float.parseFloat}. Only plain
 * decimals are accepted: no {@code NaN}, {@code Infinity}, hex or type suffixes.
 */
final class Decimal {

  private static final float[] POW10 = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
  private static final long FAST_LIMIT = 1L << 24;

  private Decimal() {}

  /** The value of {@code b[from..to)}; throws {@link NumberFormatException} when it is not a decimal. */
  static float parse(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int significant = 0;
    int scale = 0;
    boolean point = false;
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (mantissa != 0 || c != '0') {
          significant++;
        }
        if (significant <= 18) {
          mantissa = mantissa * 10 + (c - '0');
          if (point) {
            scale--;
          }
        } else if (!point) {
          scale++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      throw new NumberFormatException();
    }
    if (i < to) {
      if (b[i] != 'e' && b[i] != 'E') {
        throw new NumberFormatException();
      }
      int exponent = exponent(b, i + 1, to);
      if (Math.abs(exponent) > 400) {
        return slow(b, from, to);
      }
      scale += exponent;
    }
    if (mantissa < FAST_LIMIT && scale >= -10 && scale <= 10) {
      float v = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
      return negative ? -v : v;
    }
    return slow(b, from, to);
  }

  private static int exponent(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i == to) {
      throw new NumberFormatException();
    }
    int e = 0;
    for (; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        throw new NumberFormatException();
      }
      e = Math.min(e * 10 + (b[i] - '0'), 100_000);
    }
    return negative ? -e : e;
  }

  private static float slow(byte[] b, int from, int to) {
    return Float.parseFloat(new String(b, from, to - from, StandardCharsets.US_ASCII));
  }
}
