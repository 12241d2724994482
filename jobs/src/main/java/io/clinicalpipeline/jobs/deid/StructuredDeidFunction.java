package io.clinicalpipeline.jobs.deid;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * De-identifies the rows of one structured table on the executors: pseudonyms for ids, the patient's
 * date offset (derived from the key and the raw patient id, so no join is needed) or year truncation
 * for dates, age cap for birth dates, ZIP3 for ZIP codes, a tag for observation values that are
 * identifiers (the address of a social-history survey); dropped columns never reach the output row.
 * The key travels inside the serialized function, never in a query plan (which DEBUG logs print).
 */
public final class StructuredDeidFunction implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final ColumnPlan plan;
  private final DeidSettings settings;

  public StructuredDeidFunction(ColumnPlan plan, DeidSettings settings) {
    this.plan = plan;
    this.settings = settings;
  }

  /** Ids remembered per partition: rows of a patient repeat the patient's and encounter's ids. */
  static final int CACHE_LIMIT = 1 << 16;

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Map<String, String> pseudonyms = new HashMap<>();
    Map<String, Integer> shifts = new HashMap<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        if (pseudonyms.size() > CACHE_LIMIT) {
          pseudonyms.clear();
        }
        if (shifts.size() > CACHE_LIMIT) {
          shifts.clear();
        }
        return deidentify(rows.next(), pseudonyms, shifts);
      }
    };
  }

  Row deidentify(Row in) {
    return deidentify(in, new HashMap<>(), new HashMap<>());
  }

  /** One row; {@code pseudonyms} and {@code shifts} remember the keyed values already computed. */
  Row deidentify(Row in, Map<String, String> pseudonyms, Map<String, Integer> shifts) {
    int p = plan.patientIdIndex();
    String rawPatient = p >= 0 && !in.isNullAt(p) ? in.getString(p) : null;
    int shift = rawPatient == null ? settings.shiftDays(null) : shifts.computeIfAbsent(rawPatient, settings::shiftDays);
    Object[] out = new Object[plan.size()];
    for (int i = 0; i < out.length; i++) {
      int s = plan.source(i);
      Object v = in.isNullAt(s) ? null : in.get(s);
      if (v == null) {
        continue;
      }
      out[i] =
          switch (plan.op(i)) {
            case COPY, TEXT -> v;
            case CODED_VALUE -> codedValue(in, v);
            case PSEUDONYM -> pseudonyms.computeIfAbsent(v.toString(), settings.key()::pseudonym);
            case DATE -> settings.dateValue(v, shift);
            case TIMESTAMP -> settings.timestampValue(v, shift);
            case ZIP3 -> settings.zipCodes().zip3(v.toString());
            case BIRTH_DATE -> birthDate(in, v, shift);
          };
    }
    return RowFactory.create(out);
  }

  private Object codedValue(Row in, Object v) {
    int c = plan.codeIndex();
    PhiType type = c >= 0 && !in.isNullAt(c) ? ColumnPlan.IDENTIFIER_CODES.get(in.get(c).toString()) : null;
    return type == null ? v : type.tag();
  }

  private Object birthDate(Row in, Object v, int shift) {
    LocalDate birth = DeidSettings.toLocalDate(v);
    int d = plan.deathDateIndex();
    LocalDate death = d >= 0 && !in.isNullAt(d) ? DeidSettings.toLocalDate(in.get(d)) : null;
    LocalDate capped = DeidSettings.capBirthDate(birth, death != null ? death : settings.referenceDate());
    Object asValue = v instanceof java.sql.Date ? java.sql.Date.valueOf(capped) : capped;
    return settings.dateValue(asValue, shift);
  }
}
