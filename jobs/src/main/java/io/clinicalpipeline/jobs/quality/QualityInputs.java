package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.lit;

import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Reads a checkpoint's tables as the stage contracts lay them out. Missing tables are left out. */
final class QualityInputs {

  private QualityInputs() {}

  static Map<String, Dataset<Row>> read(SparkSession spark, Checkpoint checkpoint, String input) {
    Storage storage = Storage.of(spark);
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    if (checkpoint == Checkpoint.FEATURES) {
      Dataset<Row> all = null;
      for (String split : Checkpoint.SPLITS) {
        Optional<Dataset<Row>> df = parquet(spark, storage, Storage.resolve(input, "parquet", split), null);
        if (df.isPresent()) {
          Dataset<Row> s = df.get().withColumn("split", lit(split));
          all = all == null ? s : all.unionByName(s, true);
        }
      }
      if (all != null) {
        out.put(Checkpoint.FEATURES_TABLE, all);
      }
      parquet(spark, storage, Storage.resolve(input, "examples"), null)
          .ifPresent(df -> out.put(Checkpoint.EXAMPLES_TABLE, df));
      return out;
    }
    for (String table : checkpoint.tables()) {
      parquet(spark, storage, Storage.resolve(input, table), RawSchemas.BY_TABLE.get(table))
          .ifPresent(df -> out.put(table, df));
    }
    return out;
  }

  /** The raw patients table, for the leak scan. */
  static Optional<Dataset<Row>> rawPatients(SparkSession spark, String raw) {
    return parquet(spark, Storage.of(spark), Storage.resolve(raw, RawSchemas.PATIENTS), RawSchemas.PATIENTS_SCHEMA);
  }

  /**
   * A Parquet folder as written; an existing folder without data files (an empty table) is read with
   * {@code fallback} when known.
   */
  private static Optional<Dataset<Row>> parquet(
      SparkSession spark, Storage storage, String location, StructType fallback) {
    if (!storage.exists(location)) {
      return Optional.empty();
    }
    try {
      Dataset<Row> df = spark.read().parquet(location);
      df.schema();
      return Optional.of(df);
    } catch (Exception e) {
      if (fallback != null) {
        return Optional.of(spark.createDataFrame(java.util.List.of(), fallback));
      }
      return Optional.empty();
    }
  }
}
