package io.clinicalpipeline.jobs.quality;

import io.clinicalpipeline.jobs.deid.LeakScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The quality job's side of the PHI leak scan. The identifiers are those the de-identification job's own
 * {@link LeakScan} searches for (names, SSN, licence, passport, MRN, phone, address, e-mail, raw patient id,
 * exact birth date), collected once on the driver from the raw patients; they are matched as whole words,
 * ignoring case, with an Aho-Corasick automaton built per partition. Name parts that are ordinary words
 * ("Will", "Hand") count only as part of the full name, as in {@link LeakScan}.
 */
public final class IdentifierLeakScan implements LeakScanner {

  private final Map<String, String> identifiers;

  private IdentifierLeakScan(Map<String, String> identifiers) {
    this.identifiers = identifiers;
  }

  /** Collects the identifiers of {@code rawPatients}; columns it lacks are skipped. */
  public static IdentifierLeakScan fromRawPatients(Dataset<Row> rawPatients) {
    rawPatients.sparkSession().sparkContext().setJobGroup("quality-leak-identifiers", "collect raw identifiers", false);
    return new IdentifierLeakScan(new TreeMap<>(LeakScan.identifiers(rawPatients)));
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
