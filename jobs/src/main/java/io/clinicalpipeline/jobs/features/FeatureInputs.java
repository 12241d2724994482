package io.clinicalpipeline.jobs.features;

import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The de-identified tables the feature job reads. Patients and encounters must exist; a missing clinical
 * table reads as empty (a source without notes still gets every other feature). {@code splits}: the
 * patient-level splits the input brings ({@code patient_id, split}, as a MEDS data set's subject splits), or null
 * when the feature job assigns them.
 */
public record FeatureInputs(
    Dataset<Row> patients,
    Dataset<Row> encounters,
    Dataset<Row> conditions,
    Dataset<Row> observations,
    Dataset<Row> medications,
    Dataset<Row> procedures,
    Dataset<Row> notes,
    Dataset<Row> splits) {

  static final List<String> REQUIRED = List.of(RawSchemas.PATIENTS, RawSchemas.ENCOUNTERS);

  public static FeatureInputs read(SparkSession spark, String input) {
    Storage storage = Storage.of(spark);
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    for (String table : RawSchemas.TABLES) {
      String location = Storage.resolve(input, table);
      if (storage.exists(location)) {
        t.put(table, spark.read().parquet(location));
      } else if (REQUIRED.contains(table)) {
        throw new JobException("input table " + table + " is missing under --input");
      } else {
        t.put(table, spark.createDataFrame(List.of(), RawSchemas.of(table)));
      }
    }
    return of(t);
  }

  public static FeatureInputs of(Map<String, Dataset<Row>> t) {
    return new FeatureInputs(
        t.get(RawSchemas.PATIENTS),
        t.get(RawSchemas.ENCOUNTERS),
        t.get(RawSchemas.CONDITIONS),
        t.get(RawSchemas.OBSERVATIONS),
        t.get(RawSchemas.MEDICATIONS),
        t.get(RawSchemas.PROCEDURES),
        t.get(RawSchemas.NOTES),
        null);
  }
}
