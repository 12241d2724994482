package io.clinicalpipeline.jobs.deid;

import java.util.regex.Pattern;

/**
 * Number shapes that clinical notes use for measurements, never for identifiers: ranges ("78-84", "98-100",
 * "0700-1245"; three numbers are a date or a code), a clock time or a small number joined to a word ("2000-BUN", "1730-pnd", "o2sat-100",
 * "11P-12A"), a number with its unit ("40cmH20"), and a number that is part of a signed balance or a decimal
 * ("+13175", "115317.39"). A phone written 3-4 ("202-6694") stays a candidate unless it reads as a range.
 */
final class MeasureShapes {

  private MeasureShapes() {}

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
  /** A decade or a range written with "s" ("80s") or a clock hour with am/pm ("11P"). */
  private static final Pattern NUMBER_WORD = Pattern.compile("(?i)\\d{1,3}'?s|\\d{1,2}(?:a|p|am|pm)");
  /** Chemistry and units that carry a digit: o2, co2, h2o, spo2, cmh2o. */
  private static final Pattern FORMULA_WORD = Pattern.compile("(?i)[a-z]*(?:o2|h2o|h20|co2)[a-z]*");
  private static final Pattern WITH_UNIT =
      Pattern.compile("(?i)\\d+(?:cmh2?[o0]?|mmhg|mcg|mg|ml|cc|kg|mm|cm|meq|units?|u)");

  /** Whether text[start, end) is a measurement shape rather than an identifier. */
  static boolean measurement(String text, int start, int end) {
    String s = text.substring(start, end);
    if (s.startsWith("#")) {
      return false;
    }
    char before = start > 0 ? text.charAt(start - 1) : ' ';
    if (before == '+' || before == '-' || before == '>' || before == '<') {
      return true;
    }
    if (end + 1 < text.length() && (text.charAt(end) == '.' || text.charAt(end) == '+')
        && (Character.isDigit(text.charAt(end + 1)) || text.charAt(end) == '+')) {
      return true;
    }
    if (WITH_UNIT.matcher(s).matches()) {
      return true;
    }
    String[] parts = s.split("-");
    if (parts.length < 2) {
      return false;
    }
    int numbers = 0;
    for (String p : parts) {
      if (DIGITS.matcher(p).matches()) {
        if (p.length() > 4) {
          return false;
        }
        numbers++;
      } else if (!LETTERS.matcher(p).matches() && !NUMBER_WORD.matcher(p).matches() && !FORMULA_WORD.matcher(p).matches()) {
        return false; // a part that mixes letters and digits: a code
      }
    }
    if (numbers == 2 && parts.length == 2) {
      return range(parts[0], parts[1]);
    }
    return numbers >= 1 && numbers < parts.length && !monthPart(parts);
  }

  /** A month's name among the parts: a date ("17-Feb-2023"), which the date recogniser also reads. */
  private static boolean monthPart(String[] parts) {
    for (String p : parts) {
      if (Recognisers.WEEKDAYS_AND_MONTHS.matcher(p.toLowerCase(java.util.Locale.ROOT)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Two numbers: a range unless they read as a 3-4 phone whose second part is far from the first. */
  private static boolean range(String a, String b) {
    long x = Long.parseLong(a);
    long y = Long.parseLong(b);
    if (a.length() == 3 && b.length() == 4 && a.charAt(0) >= '2') {
      return y <= 2 * x && x <= y;
    }
    return true;
  }
}
