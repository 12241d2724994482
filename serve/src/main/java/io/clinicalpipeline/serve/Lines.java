package io.clinicalpipeline.serve;

import java.util.Arrays;

/**
 * Splits a request body into lines (LF or CRLF; blank lines skipped, but counted for messages) and gathers
 * one row of {@code width} values per line, NaN-filled before the line's parser writes it.
 */
final class Lines {

  /** Parses one line, {@code b[from..to)} without its line end, into {@code out[at..at + width)}. */
  interface RowParser {
    void parse(byte[] b, int from, int to, int line, float[] out, int at) throws BadRequest;
  }

  private Lines() {}

  static Rows parse(byte[] body, int length, int width, RowParser parser) throws BadRequest {
    float[] values = new float[width * 8];
    int rows = 0;
    int line = 0;
    for (int start = 0; start < length; ) {
      int end = start;
      while (end < length && body[end] != '\n') {
        end++;
      }
      line++;
      int stop = end > start && body[end - 1] == '\r' ? end - 1 : end;
      if (!blank(body, start, stop)) {
        if ((rows + 1) * width > values.length) {
          values = Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * width));
        }
        Arrays.fill(values, rows * width, (rows + 1) * width, Float.NaN);
        parser.parse(body, start, stop, line, values, rows * width);
        rows++;
      }
      start = end + 1;
    }
    return new Rows(values.length == rows * width ? values : Arrays.copyOf(values, rows * width), rows);
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
