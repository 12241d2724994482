package io.clinicalpipeline.jobs.deid;

import static org.apache.spark.sql.functions.col;

import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The PHI leak scan: every direct identifier of the raw patients table (names, SSN, phone, address,
 * driver's licence, passport, exact birth date, MRN, raw patient id) is searched for, ignoring case and as
 * whole words, in every string column of every output table (birth dates where the text presents them as
 * one: see {@link #find}). The result holds counts per table, column and
 * identifier type, never a value.
 *
 * <p>Single name parts shorter than three letters or that are ordinary words ("Will", "Hand") are only
 * searched for as part of the full name, so that clinical text does not raise false alarms. A name with a
 * numeric suffix (Synthea's default naming: "Nolan344") is searched for with and without it.
 *
 * <p>A hit must be a whole token: no letter or digit touches it on either side, except the digits of such
 * a suffix right after a name. Without that, a name made only of the letters a-f ("Ada", "Dee") would be
 * found inside every keyed pseudonym (32 hex digits) that happens to hold it between two digits.
 */
public final class LeakScan {

  /** Hits of one identifier type in one column. */
  public record Hit(String table, String column, String identifierType, long count) {}

  /** All hits; {@link #clean()} when there are none. */
  public record Result(List<Hit> hits, long identifiersSearched) {
    public long total() {
      return hits.stream().mapToLong(Hit::count).sum();
    }

    public boolean clean() {
      return hits.isEmpty();
    }

    /** Counts as {@code table.column → type → count}, for reports. */
    public Map<String, Map<String, Long>> byColumn() {
      Map<String, Map<String, Long>> m = new TreeMap<>();
      for (Hit h : hits) {
        m.computeIfAbsent(h.table() + "." + h.column(), k -> new TreeMap<>()).merge(h.identifierType(), h.count(), Long::sum);
      }
      return m;
    }
  }

  private LeakScan() {}

  /** Scans every table folder present under {@code outputDir} against {@code rawDir/patients}. */
  public static Result scan(SparkSession spark, String rawDir, String outputDir) {
    Storage storage = Storage.of(spark);
    Dataset<Row> patients = spark.read().parquet(Storage.resolve(rawDir, RawSchemas.PATIENTS));
    Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
    for (String t : RawSchemas.TABLES) {
      String p = Storage.resolve(outputDir, t);
      if (storage.exists(p)) {
        outputs.put(t, spark.read().parquet(p));
      }
    }
    return scan(patients, outputs);
  }

  /** Scans {@code outputs} (table name → data) for the identifiers of {@code rawPatients}. */
  public static Result scan(Dataset<Row> rawPatients, Map<String, Dataset<Row>> outputs) {
    Map<String, String> terms = identifiers(rawPatients);
    List<Hit> hits = new ArrayList<>();
    if (terms.isEmpty()) {
      return new Result(hits, 0);
    }
    StructType hitSchema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("column", DataTypes.StringType, false),
              DataTypes.createStructField("type", DataTypes.StringType, false),
              DataTypes.createStructField("count", DataTypes.LongType, false)
            });
    for (Map.Entry<String, Dataset<Row>> e : outputs.entrySet()) {
      List<String> stringCols = new ArrayList<>();
      for (StructField f : e.getValue().schema().fields()) {
        if (f.dataType().equals(DataTypes.StringType)) {
          stringCols.add(f.name());
        }
      }
      if (stringCols.isEmpty()) {
        continue;
      }
      Dataset<Row> counts =
          e.getValue()
              .select(stringCols.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
              .mapPartitions(new ScanFunction(terms, stringCols), Encoders.row(hitSchema))
              .groupBy("column", "type")
              .sum("count");
      for (Row r : counts.collectAsList()) {
        hits.add(new Hit(e.getKey(), r.getString(0), r.getString(1), r.getLong(2)));
      }
    }
    hits.sort((a, b) -> (a.table() + a.column() + a.identifierType()).compareTo(b.table() + b.column() + b.identifierType()));
    return new Result(hits, terms.size());
  }

  /** How far before a date the scan looks for words that present it as a birth date. */
  static final int BIRTH_CONTEXT_CHARS = 32;

  private static final java.util.regex.Pattern NUMERIC_SUFFIX = java.util.regex.Pattern.compile("\\d+$");

  private static final java.util.regex.Pattern BIRTH_CONTEXT =
      java.util.regex.Pattern.compile("(?i)(birth|born|\\bdob\\b|d\\.o\\.b)");

  /** The automaton over identifier (lower case) → type: whole words, ignoring case. */
  public static PayloadTrie<String> automaton(Map<String, String> terms) {
    PayloadTrie.PayloadTrieBuilder<String> b = PayloadTrie.<String>builder().ignoreCase().onlyWholeWords();
    terms.forEach(b::addKeyword);
    return b.build();
  }

  /**
   * The identifier type of every hit in {@code text}. A date equal to some patient's birth date counts
   * only where the text presents it as a birth date ("DOB", "born", "date of birth" at most
   * {@value #BIRTH_CONTEXT_CHARS} characters before it): after shifting, clinical text is full of dates,
   * and one that happens to equal another patient's birth date reveals nothing.
   */
  public static List<String> find(PayloadTrie<String> trie, String text) {
    List<String> out = new ArrayList<>();
    for (PayloadEmit<String> e : trie.parseText(text)) {
      if (!wholeToken(text, e.getStart(), e.getEnd() + 1)) {
        continue;
      }
      if ("BIRTH_DATE".equals(e.getPayload())
          && !BIRTH_CONTEXT.matcher(text.substring(Math.max(0, e.getStart() - BIRTH_CONTEXT_CHARS), e.getStart())).find()) {
        continue;
      }
      out.add(e.getPayload());
    }
    return out;
  }

  /**
   * Whether {@code text[start, end)} is a whole token: no letter or digit right before it, and none right
   * after it, once the digits of a numeric suffix after a name ending in a letter are skipped.
   */
  static boolean wholeToken(String text, int start, int end) {
    if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
      return false;
    }
    int after = end;
    if (end > start && Character.isLetter(text.charAt(end - 1))) {
      while (after < text.length() && Character.isDigit(text.charAt(after))) {
        after++;
      }
    }
    return after >= text.length() || !Character.isLetterOrDigit(text.charAt(after));
  }

  /** Identifier value (lower case) → type, from the raw patients table; collected on the driver. */
  public static Map<String, String> identifiers(Dataset<Row> patients) {
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
    List<org.apache.spark.sql.Column> select = new ArrayList<>();
    present.forEach(c -> select.add(col(c).cast(DataTypes.StringType)));
    if (birth) {
      select.add(col("birth_date"));
    }
    Lexicon lex = Lexicon.get();
    Map<String, String> terms = new HashMap<>();
    for (Row r : patients.select(select.toArray(new org.apache.spark.sql.Column[0])).collectAsList()) {
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
          if (v.length() >= 3 && !lex.isVocabulary(lower)) {
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

  /** Counts identifier hits per column and type in a partition; the automaton is built once per partition. */
  static final class ScanFunction implements MapPartitionsFunction<Row, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> terms;
    private final List<String> columns;

    ScanFunction(Map<String, String> terms, List<String> columns) {
      this.terms = new HashMap<>(terms);
      this.columns = List.copyOf(columns);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      PayloadTrie<String> trie = automaton(terms);
      Map<String, Long> counts = new TreeMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        for (int i = 0; i < columns.size(); i++) {
          if (r.isNullAt(i)) {
            continue;
          }
          for (String type : find(trie, r.getString(i))) {
            counts.merge(columns.get(i) + "\u0000" + type, 1L, Long::sum);
          }
        }
      }
      List<Row> out = new ArrayList<>();
      counts.forEach((k, v) -> {
        String[] p = k.split("\u0000");
        out.add(RowFactory.create(p[0], p[1], v));
      });
      return out.iterator();
    }
  }

}
