package io.clinicalpipeline.jobs.deid;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a date found in a note: shifted back by the patient's offset in the same format it was
 * written in, or reduced to its year. Returns {@code null} when the text is not a date it can rewrite
 * (the caller then uses the {@code [DATE]} tag).
 */
final class NoteDates {

  private static final Pattern ISO =
      Pattern.compile("((?:19|20)\\d\\d)([-/])(\\d{1,2})\\2(\\d{1,2})(.*)", Pattern.DOTALL);
  private static final Pattern NUMERIC =
      Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{2}|\\d{4})");
  private static final Pattern MONTH_YEAR = Pattern.compile("(\\d{1,2})/(\\d{4})");
  private static final Pattern PARTIAL = Pattern.compile("(\\d{1,2})/(\\d{1,2})");
  private static final Pattern WRITTEN =
      Pattern.compile(
          "(?i)(" + DateRecogniser.MONTH + ")(\\.?\\s+)(\\d{1,2})(st|nd|rd|th)?(?:(,?\\s+(?:of\\s+)?)((?:19|20)\\d\\d))?");
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "(?i)(\\d{1,2})(st|nd|rd|th)?(\\s+(?:of\\s+)?)(" + DateRecogniser.MONTH + ")(\\.?)(?:(,?\\s+)((?:19|20)\\d\\d))?");
  private static final Pattern WRITTEN_MONTH_YEAR =
      Pattern.compile("(?i)(" + DateRecogniser.MONTH + ")(\\.?,?\\s+(?:of\\s+)?)((?:19|20)\\d\\d)");
  private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d\\d");
  private static final Pattern RANGE_SPLIT = Pattern.compile("\\s?(?:-|to|through|and)\\s?");

  private NoteDates() {}

  /**
   * @param shiftDays days to move back (shift policy), ignored when {@code yearOnly}
   * @param defaultYear the year assumed for dates written without one (the note's year)
   */
  static String rewrite(String s, int shiftDays, boolean yearOnly, int defaultYear) {
    try {
      return rewriteOrNull(s.strip(), shiftDays, yearOnly, defaultYear);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static String rewriteOrNull(String s, int shift, boolean yearOnly, int defaultYear) {
    Matcher m = ISO.matcher(s);
    if (m.matches()) {
      LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
      if (yearOnly) {
        return String.valueOf(d.getYear());
      }
      LocalDate x = d.minusDays(shift);
      String sep = m.group(2);
      return pad(x.getYear(), 4) + sep + pad(x.getMonthValue(), 2) + sep + pad(x.getDayOfMonth(), 2) + m.group(5);
    }
    m = NUMERIC.matcher(s);
    if (m.matches()) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(3));
      int y = Integer.parseInt(m.group(4));
      boolean twoDigitYear = m.group(4).length() == 2;
      if (twoDigitYear) {
        y += y <= (defaultYear % 100) + 1 ? 2000 : 1900;
      }
      boolean dayFirst = a > 12 || ".".equals(m.group(2)) && b <= 12;
      LocalDate d = dayFirst ? LocalDate.of(y, b, a) : LocalDate.of(y, a, b);
      if (yearOnly) {
        return String.valueOf(d.getYear());
      }
      LocalDate x = d.minusDays(shift);
      String year = twoDigitYear ? pad(x.getYear() % 100, 2) : String.valueOf(x.getYear());
      String sep = m.group(2);
      int first = dayFirst ? x.getDayOfMonth() : x.getMonthValue();
      int second = dayFirst ? x.getMonthValue() : x.getDayOfMonth();
      return width(m.group(1), first) + sep + width(m.group(3), second) + sep + year;
    }
    m = MONTH_YEAR.matcher(s);
    if (m.matches()) {
      LocalDate d = LocalDate.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), 15);
      if (yearOnly) {
        return m.group(2);
      }
      LocalDate x = d.minusDays(shift);
      return width(m.group(1), x.getMonthValue()) + "/" + x.getYear();
    }
    m = PARTIAL.matcher(s);
    if (m.matches()) {
      if (yearOnly) {
        return null;
      }
      LocalDate x = LocalDate.of(defaultYear, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).minusDays(shift);
      return width(m.group(1), x.getMonthValue()) + "/" + width(m.group(2), x.getDayOfMonth());
    }
    m = WRITTEN.matcher(s);
    if (m.matches()) {
      Month month = month(m.group(1));
      int year = m.group(6) == null ? defaultYear : Integer.parseInt(m.group(6));
      if (yearOnly) {
        return m.group(6);
      }
      LocalDate x = LocalDate.of(year, month, Integer.parseInt(m.group(3))).minusDays(shift);
      String out = monthName(x.getMonth(), m.group(1)) + m.group(2) + x.getDayOfMonth() + suffix(m.group(4), x.getDayOfMonth());
      return m.group(6) == null ? out : out + m.group(5) + x.getYear();
    }
    m = DAY_MONTH.matcher(s);
    if (m.matches()) {
      Month month = month(m.group(4));
      int year = m.group(7) == null ? defaultYear : Integer.parseInt(m.group(7));
      if (yearOnly) {
        return m.group(7);
      }
      LocalDate x = LocalDate.of(year, month, Integer.parseInt(m.group(1))).minusDays(shift);
      String out = x.getDayOfMonth() + suffix(m.group(2), x.getDayOfMonth()) + m.group(3) + monthName(x.getMonth(), m.group(4)) + m.group(5);
      return m.group(7) == null ? out : out + m.group(6) + x.getYear();
    }
    m = WRITTEN_MONTH_YEAR.matcher(s);
    if (m.matches()) {
      if (yearOnly) {
        return m.group(3);
      }
      LocalDate x = LocalDate.of(Integer.parseInt(m.group(3)), month(m.group(1)), 15).minusDays(shift);
      return monthName(x.getMonth(), m.group(1)) + m.group(2) + x.getYear();
    }
    if (YEAR.matcher(s).matches()) {
      if (yearOnly) {
        return s;
      }
      // as for "m/yyyy" (the middle of the month), a year is taken at its middle and moves with the offset
      return String.valueOf(LocalDate.of(Integer.parseInt(s), 7, 2).minusDays(shift).getYear());
    }
    // a range: rewrite both ends when each is a date on its own
    String[] parts = RANGE_SPLIT.split(s, 2);
    if (parts.length == 2 && parts[0].length() < s.length()) {
      String left = rewriteOrNull(parts[0], shift, yearOnly, defaultYear);
      String right = rewriteOrNull(parts[1], shift, yearOnly, defaultYear);
      if (left != null && right != null) {
        String sep = s.substring(parts[0].length(), s.length() - parts[1].length());
        return yearOnly && left.equals(right) ? left : left + sep + right;
      }
    }
    return null;
  }

  private static String width(String original, int value) {
    return original.length() == 2 ? pad(value, 2) : String.valueOf(value);
  }

  /** {@code value} (not negative) in ASCII digits, zero-padded to {@code width}. */
  static String pad(int value, int width) {
    String s = Integer.toString(value);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  private static String suffix(String original, int day) {
    if (original == null) {
      return "";
    }
    String sfx;
    if (day % 100 >= 11 && day % 100 <= 13) {
      sfx = "th";
    } else {
      sfx = switch (day % 10) {
        case 1 -> "st";
        case 2 -> "nd";
        case 3 -> "rd";
        default -> "th";
      };
    }
    return Character.isUpperCase(original.charAt(0)) ? sfx.toUpperCase(Locale.ROOT) : sfx;
  }

  private static Month month(String word) {
    String w = word.toLowerCase(Locale.ROOT).substring(0, 3);
    for (Month m : Month.values()) {
      if (m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(w)) {
        return m;
      }
    }
    throw new DateTimeException("not a month");
  }

  /** The month's name in the style of {@code original}: abbreviated or full, capitals or title case. */
  private static String monthName(Month month, String original) {
    boolean abbreviated = original.length() <= 4 && !original.equalsIgnoreCase("june") && !original.equalsIgnoreCase("july")
        || original.equalsIgnoreCase("sept");
    String name = month.getDisplayName(abbreviated ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
    if (original.equals(original.toUpperCase(Locale.ROOT))) {
      return name.toUpperCase(Locale.ROOT);
    }
    if (original.equals(original.toLowerCase(Locale.ROOT))) {
      return name.toLowerCase(Locale.ROOT);
    }
    return name;
  }
}
