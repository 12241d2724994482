package io.clinicalpipeline.jobs.leak;

import static org.apache.spark.sql.functions.col;

import io.clinicalpipeline.jobs.deid.DeidSettings;
import io.clinicalpipeline.jobs.deid.Lexicon;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The direct identifiers of the raw patients table that the leak scan searches for: names, SSN, phone,
 * address, driver's licence, passport, MRN, raw patient id, e-mail and exact birth date (in the ways text
 * writes one). Collected once on the driver, as identifier (lower case) → type; never logged.
 *
 * <p>Single name parts shorter than three letters or that are vocabulary ("Will", "Hand", "Min" as in
 * {@code /min}) are only searched for as part of the full name, so that clinical text does not raise false
 * alarms. A name with a numeric suffix (Synthea's default naming: "Nolan344") is searched for with and
 * without it.
 */
public final class PatientIdentifiers {

  private static final Pattern NUMERIC_SUFFIX = Pattern.compile("\\d+$");

  /** Ward shorthand and units ("min" as in "/min", "hr", "sat"): vocabulary too, whatever names they spell. */
  private static final Set<String> SHORTHAND = shorthand();

  private PatientIdentifiers() {}

  private static Set<String> shorthand() {
    Set<String> s = new HashSet<>();
    for (String line : Lexicon.readResource("/io/clinicalpipeline/jobs/deid/lexicon/clinical-shorthand.txt")) {
      s.addAll(Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\s+")));
    }
    return s;
  }

  /** Whether a single name part (lower case) is a word of the text's own: searched only in the full name. */
  static boolean isVocabulary(String lower) {
    return Lexicon.get().isVocabulary(lower) || SHORTHAND.contains(lower);
  }

  /** Identifier value (lower case) → type, from the raw patients table; collected on the driver. */
  public static Map<String, String> of(Dataset<Row> patients) {
    List<String> cols = List.of(patients.columns());
    Map<String, String> typeOf = new LinkedHashMap<>();
    for (String c : List.of("first_name", "middle_name", "last_name", "maiden_name")) {
      typeOf.put(c, "NAME");
    }
    typeOf.put("ssn", "SSN");
    typeOf.put("phone", "PHONE");
    typeOf.put("address", "ADDRESS");
    typeOf.put("drivers_license", "LICENSE");
    typeOf.put("passport", "PASSPORT");
    typeOf.put("mrn", "MRN");
    typeOf.put("patient_id", "PATIENT_ID");
    typeOf.put("email", "EMAIL");
    List<String> present = new ArrayList<>();
    for (String c : typeOf.keySet()) {
      if (cols.contains(c)) {
        present.add(c);
      }
    }
    boolean birth = cols.contains("birth_date");
    List<Column> select = new ArrayList<>();
    present.forEach(c -> select.add(col(c).cast(DataTypes.StringType)));
    if (birth) {
      select.add(col("birth_date"));
    }
    Map<String, String> terms = new HashMap<>();
    for (Row r : patients.select(select.toArray(new Column[0])).collectAsList()) {
      String first = null;
      String last = null;
      String firstAsIs = null;
      String lastAsIs = null;
      for (int i = 0; i < present.size(); i++) {
        if (r.isNullAt(i)) {
          continue;
        }
        String c = present.get(i);
        String asIs = r.getString(i).strip();
        String type = typeOf.get(c);
        if (type.equals("NAME")) {
          String v = NUMERIC_SUFFIX.matcher(asIs).replaceAll("");
          if (c.equals("first_name")) {
            first = v;
            firstAsIs = asIs;
          } else if (c.equals("last_name")) {
            last = v;
            lastAsIs = asIs;
          }
          String lower = v.toLowerCase(Locale.ROOT);
          if (v.length() >= 3 && !isVocabulary(lower)) {
            terms.put(lower, type);
          }
          if (v.length() >= 2 && !v.equals(asIs)) {
            // "Will344" is no ordinary word, whatever "Will" is.
            terms.put(asIs.toLowerCase(Locale.ROOT), type);
          }
        } else if (asIs.length() >= 4) {
          terms.put(asIs.toLowerCase(Locale.ROOT), type);
        }
      }
      if (first != null && last != null) {
        terms.put((first + " " + last).toLowerCase(Locale.ROOT), "NAME");
        terms.put((firstAsIs + " " + lastAsIs).toLowerCase(Locale.ROOT), "NAME");
      }
      if (birth && !r.isNullAt(present.size())) {
        LocalDate d = DeidSettings.toLocalDate(r.get(present.size()));
        if (d != null) {
          terms.put(d.toString(), "BIRTH_DATE");
          terms.put(d.format(DateTimeFormatter.ofPattern("M/d/yyyy")), "BIRTH_DATE");
          terms.put(d.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")), "BIRTH_DATE");
          terms.put(d.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)).toLowerCase(Locale.ROOT), "BIRTH_DATE");
        }
      }
    }
    return terms;
  }

}
