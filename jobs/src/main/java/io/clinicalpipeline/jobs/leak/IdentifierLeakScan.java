package io.clinicalpipeline.jobs.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The PHI leak scan, the one the quality job's {@code phi-leak} checks and the tests use: flags the rows
 * of a de-identified table whose text columns hold a direct identifier of the raw patients
 * ({@link PatientIdentifiers}, collected once on the driver), matched per partition by an
 * {@link IdentifierMatcher}. It reports flags, never values.
 */
public final class IdentifierLeakScan {

  private final Map<String, String> identifiers;

  private IdentifierLeakScan(Map<String, String> identifiers) {
    this.identifiers = identifiers;
  }

  /** Collects the identifiers of {@code rawPatients}; columns it lacks are skipped. */
  public static IdentifierLeakScan fromRawPatients(Dataset<Row> rawPatients) {
    rawPatients.sparkSession().sparkContext().setJobGroup("quality-leak-identifiers", "collect raw identifiers", false);
    return new IdentifierLeakScan(new TreeMap<>(PatientIdentifiers.of(rawPatients)));
  }

  /** How many identifiers the scan looks for (a count, safe to log). */
  public int identifierCount() {
    return identifiers.size();
  }

  /**
   * {@code table} with one more boolean column {@code flagColumn}: true where any text column holds a
   * direct identifier. Lazy: it adds no Spark job of its own.
   */
  public Dataset<Row> flag(Dataset<Row> table, String flagColumn) {
    StructType in = table.schema();
    List<Integer> text = new ArrayList<>();
    for (int i = 0; i < in.fields().length; i++) {
      if (in.fields()[i].dataType().equals(DataTypes.StringType)) {
        text.add(i);
      }
    }
    StructType out = in.add(new StructField(flagColumn, DataTypes.BooleanType, false, Metadata.empty()));
    return table.mapPartitions(
        new LeakFlagPartitions(identifiers, text.stream().mapToInt(Integer::intValue).toArray()),
        Encoders.row(out));
  }
}
