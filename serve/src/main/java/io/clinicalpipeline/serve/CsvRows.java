package io.clinicalpipeline.serve;

/**
 * {@code text/csv} request bodies: one row per line, the model's features in its order, no header, an empty
 * field for a missing value (SageMaker XGBoost's CSV, without the label). Lines end with LF or CRLF; blank
 * lines are skipped ({@link Lines}). Errors name the line and field (1-based), never the value.
 */
final class CsvRows {

  private CsvRows() {}

  static Rows parse(byte[] body, int length, int width) throws BadRequest {
    return Lines.parse(body, length, width, (b, from, to, line, out, at) -> parseLine(b, from, to, width, out, at, line));
  }

  /**
   * One line. Short unsigned integers (most fields: counts) are read inline, exactly as a float holds them
   * (at most 7 digits, below 2^24); every other field goes to {@link Decimal}.
   */
  private static void parseLine(byte[] b, int from, int to, int width, float[] out, int at, int line)
      throws BadRequest {
    int field = 0;
    int i = from;
    while (true) {
      if (field == width) {
        throw new BadRequest(400, "line " + line + ": more than the model's " + width + " fields");
      }
      int start = i;
      int m = 0;
      while (i < to && i - start < 7 && b[i] >= '0' && b[i] <= '9') {
        m = m * 10 + (b[i++] - '0');
      }
      if (i > start && (i == to || b[i] == ',')) {
        out[at + field] = m;
      } else {
        while (i < to && b[i] != ',') {
          i++;
        }
        out[at + field] = value(b, start, i, line, field + 1);
      }
      field++;
      if (i == to) {
        break;
      }
      i++;
    }
    if (field != width) {
      throw new BadRequest(400, "line " + line + ": " + field + " fields, the model takes " + width);
    }
  }

  private static float value(byte[] b, int from, int to, int line, int field) throws BadRequest {
    while (from < to && b[from] == ' ') {
      from++;
    }
    while (to > from && b[to - 1] == ' ') {
      to--;
    }
    if (from == to) {
      return Float.NaN;
    }
    try {
      return Decimal.parse(b, from, to);
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "line " + line + ", field " + field + ": not a number");
    }
  }
}
