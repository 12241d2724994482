package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.jobs.features.TaskSpec.Outcome;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Builds the examples of a task: index events, their prediction times, labels, demographics at the
 * prediction time, and the first exclusion that applies. Pure: tables in, one table out.
 *
 * <p>Output columns: {@code row_id, patient_id, encounter_id, index_time, prediction_time, label, age,
 * age_band, sex, race, ethnicity, exclusion} (null exclusion = the example is kept).
 */
public final class CohortTransform {

  public static final String DEAD = "dead-before-prediction";
  public static final String NO_BIRTH_DATE = "missing-birth-date";
  public static final String UNDER_MIN_AGE = "under-min-age";
  public static final String SHORT_HISTORY = "short-history";
  public static final String PRIOR_OUTCOME = "prior-outcome";
  public static final String INCOMPLETE_FOLLOW_UP = "incomplete-follow-up";

  /** Exclusion reasons in the order they are tested; an example is counted under the first that applies. */
  public static final List<String> EXCLUSIONS =
      List.of(DEAD, NO_BIRTH_DATE, UNDER_MIN_AGE, SHORT_HISTORY, PRIOR_OUTCOME, INCOMPLETE_FOLLOW_UP);

  private CohortTransform() {}

  /** Every index event with its label and exclusion. */
  public static Dataset<Row> candidates(TaskSpec spec, FeatureInputs in) {
    Dataset<Row> index = indexEvents(spec, in.encounters());
    Dataset<Row> labels = labels(spec, index, outcomes(spec, in));
    Dataset<Row> history =
        in.encounters().groupBy("patient_id").agg(min("start_time").as("first_time"));
    Dataset<Row> dataEnd = in.encounters().agg(max("start_time").as("data_end"));
    Dataset<Row> patients =
        in.patients().select("patient_id", "birth_date", "death_date", "sex", "race", "ethnicity");

    Dataset<Row> joined =
        index
            .join(labels, "row_id")
            .join(history, "patient_id")
            .join(patients, seq("patient_id"), "left")
            .crossJoin(dataEnd);

    Column pt = col("prediction_time");
    Column age = least(floor(months_between(to_date(pt), col("birth_date")).divide(12)), lit(90)).cast("int");
    Column windowEnd = plusDays(pt, spec.label().endDays());
    Column followedUp =
        windowEnd
            .leq(col("data_end"))
            .or(col("label").equalTo(1))
            .or(col("death_date").isNotNull().and(col("death_date").leq(to_date(windowEnd))));
    TaskSpec.Exclusions x = spec.exclusions();
    Column exclusion =
        when(col("death_date").lt(to_date(pt)), lit(DEAD))
            .when(col("birth_date").isNull(), lit(NO_BIRTH_DATE))
            .when(col("age").lt(spec.minAge()), lit(UNDER_MIN_AGE))
            .when(col("first_time").gt(plusDays(pt, -x.minHistoryDays())), lit(SHORT_HISTORY))
            .when(lit(x.priorOutcomeDays() > 0).and(col("prior").equalTo(1)), lit(PRIOR_OUTCOME))
            .when(lit(x.requireFullFollowUp()).and(coalesce(followedUp, lit(false)).unary_$bang()), lit(INCOMPLETE_FOLLOW_UP));

    return joined
        .withColumn("age", age)
        .withColumn("age_band", ageBand(col("age")))
        .withColumn("exclusion", exclusion)
        .select(
            "row_id", "patient_id", "encounter_id", "index_time", "prediction_time", "label", "age", "age_band", "sex",
            "race", "ethnicity", "exclusion");
  }

  /** Index encounters with their prediction time; one row per example. */
  static Dataset<Row> indexEvents(TaskSpec spec, Dataset<Row> encounters) {
    Column anchor =
        spec.predictionTime().anchor() == TaskSpec.Anchor.END
            ? coalesce(col("end_time"), col("start_time"))
            : col("start_time");
    Dataset<Row> idx =
        encounters
            .where(lower(col("encounter_class")).isin(spec.index().encounterClasses().toArray()))
            .select(
                col("patient_id"),
                col("encounter_id"),
                col("start_time").as("index_time"),
                anchor.plus(expr("INTERVAL " + spec.predictionTime().offsetHours() + " HOURS")).as("prediction_time"));
    if (spec.index().select() != TaskSpec.Select.ALL) {
      boolean first = spec.index().select() == TaskSpec.Select.FIRST;
      Column order = first ? col("prediction_time").asc() : col("prediction_time").desc();
      idx =
          idx.withColumn("n", row_number().over(Window.partitionBy("patient_id").orderBy(order, col("encounter_id").asc())))
              .where(col("n").equalTo(1))
              .drop("n");
    }
    return idx.withColumn("row_id", rowId(spec.name(), col("encounter_id")));
  }

  /** A stable example id: 32 hex characters of SHA-256 over the task name and the index encounter pseudonym. */
  static Column rowId(String task, Column encounterId) {
    return substring(sha2(concat_ws(":", lit(task), encounterId), 256), 1, 32);
  }

  /** Outcome events: patient_id, outcome_time (timestamp or null), outcome_date (date or null). */
  static Dataset<Row> outcomes(TaskSpec spec, FeatureInputs in) {
    TaskSpec.Label l = spec.label();
    if (l.outcome() == Outcome.ENCOUNTER) {
      return in.encounters()
          .where(lower(col("encounter_class")).isin(l.encounterClasses().toArray()))
          .select(col("patient_id"), col("start_time").as("outcome_time"), lit(null).cast("date").as("outcome_date"));
    }
    if (l.outcome() == Outcome.CONDITION) {
      return in.conditions()
          .where(col("code").isin(l.codes().toArray()))
          .select(col("patient_id"), lit(null).cast("timestamp").as("outcome_time"), col("start_date").as("outcome_date"));
    }
    return in.patients()
        .where(col("death_date").isNotNull())
        .select(col("patient_id"), lit(null).cast("timestamp").as("outcome_time"), col("death_date").as("outcome_date"));
  }

  /** row_id, label (0/1) and prior (0/1: an outcome within the prior-outcome window before the prediction). */
  static Dataset<Row> labels(TaskSpec spec, Dataset<Row> index, Dataset<Row> outcomes) {
    TaskSpec.Label l = spec.label();
    Column pt = col("prediction_time");
    Column t = col("outcome_time");
    Column days = datediff(col("outcome_date"), to_date(pt));
    Column inWindow =
        t.gt(plusDays(pt, l.startDays()))
            .and(t.leq(plusDays(pt, l.endDays())))
            .or(days.geq(l.startDays()).and(days.leq(l.endDays())));
    int prior = spec.exclusions().priorOutcomeDays();
    Column before =
        t.lt(pt).and(t.geq(plusDays(pt, -prior))).or(days.lt(0).and(days.geq(-prior)));
    return index
        .select("row_id", "patient_id", "prediction_time")
        .join(outcomes, seq("patient_id"), "left")
        .groupBy("row_id")
        .agg(
            max(when(inWindow, 1).otherwise(0)).as("label"),
            max(when(before, 1).otherwise(0)).as("prior"));
  }

  static Column plusDays(Column ts, int days) {
    return ts.plus(expr("INTERVAL " + days + " DAYS"));
  }

  static Column ageBand(Column age) {
    return when(age.isNull(), lit(null).cast("string"))
        .when(age.lt(18), "0-17")
        .when(age.lt(30), "18-29")
        .when(age.lt(45), "30-44")
        .when(age.lt(65), "45-64")
        .when(age.lt(75), "65-74")
        .when(age.lt(90), "75-89")
        .otherwise("90+");
  }

  /** Column names as the Scala sequence {@code Dataset.join(other, usingColumns, joinType)} takes. */
  public static scala.collection.Seq<String> seq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.asList(names)).toSeq();
  }
}
