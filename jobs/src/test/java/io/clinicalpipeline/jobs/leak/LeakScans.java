package io.clinicalpipeline.jobs.leak;

import static org.apache.spark.sql.functions.col;

import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** The tests' way to run the quality job's leak scan over a folder of tables. */
public final class LeakScans {

  private static final String FLAG = "__leak";

  private LeakScans() {}

  /** The scan built from {@code rawDir/patients}. */
  public static IdentifierLeakScan of(SparkSession spark, String rawDir) {
    return IdentifierLeakScan.fromRawPatients(spark.read().parquet(Storage.resolve(rawDir, RawSchemas.PATIENTS)));
  }

  /** Table → rows the scan flags, for every table present under {@code dir}. */
  public static Map<String, Long> flaggedRows(IdentifierLeakScan scan, SparkSession spark, String dir) {
    Map<String, Long> out = new TreeMap<>();
    Storage storage = Storage.of(spark);
    for (String t : RawSchemas.TABLES) {
      String p = Storage.resolve(dir, t);
      if (storage.exists(p)) {
        out.put(t, scan.flag(spark.read().parquet(p), FLAG).filter(col(FLAG)).count());
      }
    }
    return out;
  }

  /** {@code table.column} → identifier type → hits, for the string columns of small tables under {@code dir}. */
  public static Map<String, Map<String, Long>> hitsByColumn(SparkSession spark, String rawDir, String dir) {
    IdentifierMatcher matcher =
        IdentifierMatcher.of(PatientIdentifiers.of(spark.read().parquet(Storage.resolve(rawDir, RawSchemas.PATIENTS))));
    Map<String, Map<String, Long>> out = new TreeMap<>();
    Storage storage = Storage.of(spark);
    for (String t : RawSchemas.TABLES) {
      String p = Storage.resolve(dir, t);
      if (!storage.exists(p)) {
        continue;
      }
      Dataset<Row> table = spark.read().parquet(p);
      for (StructField f : table.schema().fields()) {
        if (!f.dataType().equals(DataTypes.StringType)) {
          continue;
        }
        for (Row r : table.select(f.name()).collectAsList()) {
          if (!r.isNullAt(0)) {
            for (String type : matcher.find(r.getString(0))) {
              out.computeIfAbsent(t + "." + f.name(), k -> new TreeMap<>()).merge(type, 1L, Long::sum);
            }
          }
        }
      }
    }
    return out;
  }
}
