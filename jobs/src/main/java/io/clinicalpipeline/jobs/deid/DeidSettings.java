package io.clinicalpipeline.jobs.deid;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What executor functions need, serializable: the key, the date policy, the replacement mode, the
 * reference date for ages and the ZIP3 lists. Holds the date arithmetic both tables and notes share.
 */
public final class DeidSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Ages above this collapse to {@link #AGE_CAP} (Safe Harbor: "ages over 89"). */
  public static final int MAX_AGE = 89;

  public static final int AGE_CAP = 90;

  private final PseudonymKey key;
  private final DatePolicy datePolicy;
  private final ReplacementMode replacement;
  private final LocalDate referenceDate;
  private final ZipCodes zipCodes;

  public DeidSettings(
      PseudonymKey key, DatePolicy datePolicy, ReplacementMode replacement, LocalDate referenceDate, ZipCodes zipCodes) {
    this.key = key;
    this.datePolicy = datePolicy;
    this.replacement = replacement;
    this.referenceDate = referenceDate;
    this.zipCodes = zipCodes;
  }

  public PseudonymKey key() {
    return key;
  }

  public DatePolicy datePolicy() {
    return datePolicy;
  }

  public ReplacementMode replacement() {
    return replacement;
  }

  public LocalDate referenceDate() {
    return referenceDate;
  }

  public ZipCodes zipCodes() {
    return zipCodes;
  }

  int shiftDays(String rawPatientId) {
    return rawPatientId == null ? 0 : key.shiftDays(rawPatientId);
  }

  LocalDate date(LocalDate d, int shift) {
    if (d == null) {
      return null;
    }
    return datePolicy == DatePolicy.SAFE_HARBOR ? LocalDate.of(d.getYear(), 1, 1) : d.minusDays(shift);
  }

  Object dateValue(Object v, int shift) {
    if (v instanceof Date d) {
      return Date.valueOf(date(d.toLocalDate(), shift));
    }
    if (v instanceof LocalDate d) {
      return date(d, shift);
    }
    return v;
  }

  Object timestampValue(Object v, int shift) {
    Instant i = v instanceof Timestamp t ? t.toInstant() : v instanceof Instant x ? x : null;
    if (i == null) {
      return v;
    }
    Instant out;
    if (datePolicy == DatePolicy.SAFE_HARBOR) {
      int year = LocalDateTime.ofInstant(i, ZoneOffset.UTC).getYear();
      out = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    } else {
      out = i.minus(shift, ChronoUnit.DAYS);
    }
    return v instanceof Timestamp ? Timestamp.from(out) : out;
  }

  /** A birth date whose age at {@code reference} is over 89 moves so that the age is 90. */
  static LocalDate capBirthDate(LocalDate birth, LocalDate reference) {
    if (birth == null || reference == null) {
      return birth;
    }
    long age = ChronoUnit.YEARS.between(birth, reference);
    return age > MAX_AGE ? reference.minusYears(AGE_CAP) : birth;
  }

  public static LocalDate toLocalDate(Object v) {
    if (v instanceof Date d) {
      return d.toLocalDate();
    }
    if (v instanceof LocalDate d) {
      return d;
    }
    return null;
  }
}
