package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Patient-level splits. Each patient gets a number in [0, 1) from SHA-256 of the salt and the patient
 * pseudonym; all of a patient's examples follow the patient, so no patient is in two splits.
 *
 * <p>Unstratified, the number is cut at the ratios directly: a patient's split never depends on who else
 * is in the data. Stratified by label, patients are grouped by whether any of their examples is positive
 * and each group is cut at the ratios by rank of the number, so each split gets its share of positives.
 */
public final class Splits {

  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  public static final String TEST = "test";
  public static final List<String> ALL = List.of(TRAIN, VALIDATION, TEST);

  private Splits() {}

  /**
   * {@code examples} with a {@code split} column: a patient's split from {@code given} ({@code patient_id,
   * split}) where it has one, else as {@link #assign(TaskSpec.Split, Dataset)} without strata. Null {@code given}:
   * {@link #assign(TaskSpec.Split, Dataset)}.
   */
  public static Dataset<Row> assign(TaskSpec.Split spec, Dataset<Row> examples, Dataset<Row> given) {
    if (given == null) {
      return assign(spec, examples);
    }
    Dataset<Row> g = given.select(col("patient_id"), col("split").as("given_split"));
    return examples
        .join(g, CohortTransform.seq("patient_id"), "left")
        .withColumn("split", coalesce(col("given_split"), unstratified(spec, col("patient_id"))))
        .drop("given_split");
  }

  /** {@code examples} with a {@code split} column. */
  public static Dataset<Row> assign(TaskSpec.Split spec, Dataset<Row> examples) {
    Column u = unitHash(spec.salt(), col("patient_id"));
    if (!spec.stratifyByLabel()) {
      return examples.withColumn("split", cut(spec, u));
    }
    Dataset<Row> patients =
        examples
            .groupBy("patient_id")
            .agg(max("label").as("stratum"))
            .withColumn("u", u);
    Column position =
        row_number()
            .over(Window.partitionBy("stratum").orderBy(col("u"), col("patient_id")))
            .minus(1)
            .divide(count(lit(1)).over(Window.partitionBy("stratum")));
    Dataset<Row> assigned =
        patients.withColumn("split", cut(spec, position)).select("patient_id", "split");
    return examples.join(assigned, "patient_id");
  }

  /** The split of a patient without a label stratum: the unstratified cut of {@link #unitHash}. */
  public static Column unstratified(TaskSpec.Split spec, Column patientId) {
    return cut(spec, unitHash(spec.salt(), patientId));
  }

  /** A number in [0, 1) from the first 32 bits of SHA-256 over {@code salt:patient_id}. */
  static Column unitHash(String salt, Column patientId) {
    Column hex = substring(sha2(concat_ws(":", lit(salt), patientId), 256), 1, 8);
    return conv(hex, 16, 10).cast("double").divide(4294967296.0);
  }

  private static Column cut(TaskSpec.Split spec, Column u) {
    return when(u.lt(spec.train()), TRAIN).when(u.lt(spec.train() + spec.validation()), VALIDATION).otherwise(TEST);
  }
}
