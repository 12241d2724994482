package io.clinicalpipeline.jobs.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The PHI leak scan: every direct identifier of the raw patients table (names, SSN, licence, passport,
 * MRN, phone, street address) is searched, as a whole word and case-sensitively (names are capitalised; "Will" the name, not
 * "will" the verb), in every string column of a de-identified
 * table. The identifiers are collected once on the driver (one small scan of the raw patients) and
 * matched with an Aho-Corasick automaton built per partition.
 */
public final class IdentifierLeakScan implements LeakScanner {

  /** The raw patients columns that hold direct identifiers. */
  public static final List<String> IDENTIFIER_COLUMNS =
      List.of(
          "first_name", "middle_name", "last_name", "maiden_name", "ssn", "drivers_license",
          "passport", "mrn", "phone", "address");

  /** Shorter strings are skipped: two letters match too much ordinary text to mean a leak. */
  static final int MIN_LENGTH = 3;

  private final List<String> identifiers;

  private IdentifierLeakScan(List<String> identifiers) {
    this.identifiers = identifiers;
  }

  /** Collects the identifiers of {@code rawPatients}; columns it lacks are skipped. */
  public static IdentifierLeakScan fromRawPatients(Dataset<Row> rawPatients) {
    List<String> present = new ArrayList<>();
    for (String c : IDENTIFIER_COLUMNS) {
      if (List.of(rawPatients.columns()).contains(c)) {
        present.add(c);
      }
    }
    TreeSet<String> ids = new TreeSet<>();
    if (!present.isEmpty()) {
      rawPatients.sparkSession().sparkContext().setJobGroup("quality-leak-identifiers", "collect raw identifiers", false);
      for (Row r : rawPatients.selectExpr(present.stream().map(Rules::ident).toArray(String[]::new)).collectAsList()) {
        for (int i = 0; i < r.size(); i++) {
          Object v = r.get(i);
          if (v != null && v.toString().strip().length() >= MIN_LENGTH) {
            ids.add(v.toString().strip());
          }
        }
      }
    }
    return new IdentifierLeakScan(new ArrayList<>(ids));
  }

  /** How many identifiers the scan looks for (a count, safe to log). */
  public int identifierCount() {
    return identifiers.size();
  }

  @Override
  public Dataset<Row> flag(Dataset<Row> table, String flagColumn) {
    StructType in = table.schema();
    List<Integer> text = new ArrayList<>();
    for (int i = 0; i < in.fields().length; i++) {
      if (in.fields()[i].dataType().equals(DataTypes.StringType)) {
        text.add(i);
      }
    }
    StructType out = in.add(new StructField(flagColumn, DataTypes.BooleanType, false, org.apache.spark.sql.types.Metadata.empty()));
    return table.mapPartitions(
        new LeakFlagPartitions(identifiers, text.stream().mapToInt(Integer::intValue).toArray()),
        Encoders.row(out));
  }
}
