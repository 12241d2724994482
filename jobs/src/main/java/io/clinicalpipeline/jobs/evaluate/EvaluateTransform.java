package io.clinicalpipeline.jobs.evaluate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.clinicalpipeline.common.JobRunner.JobException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The pure parts of the evaluation: the test split, the completeness check of the join between predictions
 * and labels (counts only), the joined table, and the per-model scored table the metrics read.
 */
final class EvaluateTransform {

  /** Subgroup attributes of the examples side table, in report order. */
  static final List<String> ATTRIBUTES = List.of("sex", "age_band", "race", "ethnicity");

  static final List<String> EXAMPLE_COLUMNS =
      List.of("row_id", "split", "label", "sex", "age", "age_band", "race", "ethnicity");

  /** Level for a missing subgroup value. */
  static final String UNKNOWN = "unknown";

  private EvaluateTransform() {}

  static Dataset<Row> testSplit(Dataset<Row> examples) {
    return examples.filter(col("split").equalTo("test"));
  }

  /**
   * How predictions ({@code row_id, score}) and test examples ({@code row_id, label}) fail to join. All
   * counts, never values.
   */
  record JoinCounts(
      String model,
      long predictions,
      long invalidPredictions,
      long duplicatePredictions,
      long testExamples,
      long invalidLabels,
      long duplicateExamples,
      long predictionsWithoutExample,
      long examplesWithoutPrediction) {

    boolean complete() {
      return invalidPredictions == 0
          && duplicatePredictions == 0
          && invalidLabels == 0
          && duplicateExamples == 0
          && predictionsWithoutExample == 0
          && examplesWithoutPrediction == 0;
    }

    String describe() {
      List<String> problems = new ArrayList<>();
      add(problems, invalidPredictions, "prediction lines without a row id or a score in [0, 1]");
      add(problems, duplicatePredictions, "duplicate row ids among the predictions");
      add(problems, invalidLabels, "test examples without a 0/1 label");
      add(problems, duplicateExamples, "duplicate row ids among the test examples");
      add(problems, predictionsWithoutExample, "predictions with no test example");
      add(problems, examplesWithoutPrediction, "test examples with no prediction");
      return String.format(
          "%s: %d predictions, %d test examples; %s",
          model, predictions, testExamples, String.join(", ", problems));
    }

    private static void add(List<String> problems, long count, String what) {
      if (count > 0) {
        problems.add(count + " " + what);
      }
    }
  }

  static JoinCounts joinCounts(String model, Dataset<Row> predictions, Dataset<Row> testExamples) {
    Column badScore =
        col("score").isNull().or(isnan(col("score"))).or(col("score").lt(0)).or(col("score").gt(1));
    Row p =
        predictions
            .agg(
                count(lit(1)),
                sum(when(col("row_id").isNull().or(badScore), 1).otherwise(0)),
                count(col("row_id")).minus(countDistinct(col("row_id"))))
            .first();
    Row e =
        testExamples
            .agg(
                count(lit(1)),
                sum(when(col("label").isNull().or(col("label").isin(0, 1).unary_$bang()), 1).otherwise(0)),
                count(col("row_id")).minus(countDistinct(col("row_id"))))
            .first();
    Dataset<Row> left = predictions.select(col("row_id"), lit(1).as("_p")).filter(col("row_id").isNotNull());
    Dataset<Row> right = testExamples.select(col("row_id"), lit(1).as("_e"));
    Row j =
        left.join(right, left.col("row_id").equalTo(right.col("row_id")), "full_outer")
            .agg(
                sum(when(col("_e").isNull(), 1).otherwise(0)),
                sum(when(col("_p").isNull(), 1).otherwise(0)))
            .first();
    long predictionRows = p.getLong(0);
    long exampleRows = e.getLong(0);
    return new JoinCounts(
        model,
        predictionRows,
        longOrZero(p, 1),
        p.getLong(2),
        exampleRows,
        longOrZero(e, 1),
        e.getLong(2),
        longOrZero(j, 0),
        longOrZero(j, 1));
  }

  /**
   * Test examples with both models' scores: row_id, label, score_model, score_baseline, row_key (64-bit
   * hash of row_id: the seed of its bootstrap weights) and the subgroup attributes, missing ones as
   * {@link #UNKNOWN}. Call after {@link #joinCounts} found the join complete.
   */
  static Dataset<Row> joined(Dataset<Row> testExamples, Dataset<Row> model, Dataset<Row> baseline) {
    return joined(testExamples, model, baseline, false);
  }

  /** As {@link #joined(Dataset, Dataset, Dataset)}, with the model's raw_score as score_model_raw if asked. */
  static Dataset<Row> joined(Dataset<Row> testExamples, Dataset<Row> model, Dataset<Row> baseline, boolean withRaw) {
    List<Column> mc = new ArrayList<>(List.of(col("row_id").as("m_row_id"), col("score").as("score_model")));
    if (withRaw) {
      mc.add(col("raw_score").as("score_model_raw"));
    }
    Dataset<Row> m = model.select(mc.toArray(Column[]::new));
    Dataset<Row> b = baseline.select(col("row_id").as("b_row_id"), col("score").as("score_baseline"));
    List<Column> columns = new ArrayList<>();
    columns.add(col("row_id"));
    columns.add(col("label").cast("int").as("label"));
    columns.add(col("score_model"));
    columns.add(col("score_baseline"));
    if (withRaw) {
      columns.add(col("score_model_raw"));
    }
    columns.add(xxhash64(col("row_id")).as("row_key"));
    for (String a : ATTRIBUTES) {
      columns.add(coalesce(col(a).cast("string"), lit(UNKNOWN)).as(a));
    }
    return testExamples
        .join(m, col("row_id").equalTo(col("m_row_id")))
        .join(b, col("row_id").equalTo(col("b_row_id")))
        .select(columns.toArray(Column[]::new));
  }

  /**
   * Whether every prediction has a raw score in [0, 1] (the local trainer's calibrated predictions); none
   * having one means uncalibrated predictions. Some but not all is refused (counts only).
   */
  static boolean hasRawScores(Dataset<Row> predictions) {
    Column valid = col("raw_score").isNotNull().and(isnan(col("raw_score")).unary_$bang())
        .and(col("raw_score").between(0, 1));
    Row r = predictions.agg(count(lit(1)), sum(when(valid, 1).otherwise(0)), count(col("raw_score"))).first();
    long rows = r.getLong(0);
    long good = longOrZero(r, 1);
    if (r.getLong(2) == 0) {
      return false;
    }
    if (good != rows) {
      throw new JobException(
          "model predictions: " + (rows - good) + " of " + rows + " lines lack a raw score in [0, 1] in the third"
              + " column, which other lines have");
    }
    return true;
  }

  /** What {@link BinaryMetrics} reads: score, label, row_key, then each attribute's group index. */
  static Dataset<Row> scored(Dataset<Row> joined, String scoreColumn, SubgroupIndex index) {
    return withGroups(joined, List.of(col(scoreColumn).cast("double").as("score")), index);
  }

  /**
   * Several models' scores at once, for {@link ScoreBlocks#of(Dataset, int, List)}: the score columns, then
   * label, row_key and the group indexes.
   */
  static Dataset<Row> scored(Dataset<Row> joined, List<String> scoreColumns, SubgroupIndex index) {
    return withGroups(joined, scoreColumns.stream().map(c -> col(c).cast("double").as(c)).toList(), index);
  }

  private static Dataset<Row> withGroups(Dataset<Row> joined, List<Column> scores, SubgroupIndex index) {
    List<Column> columns = new ArrayList<>(scores);
    columns.add(col("label").cast("int").as("label"));
    columns.add(col("row_key"));
    for (int a = 0; a < index.attributes().size(); a++) {
      String name = index.attributes().get(a);
      Column levels = array(index.levels().get(a).stream().map(l -> lit(l)).toArray(Column[]::new));
      columns.add(
          array_position(levels, col(name)).plus(index.offset(a) - 1).cast("int").as("g_" + name));
    }
    return joined.select(columns.toArray(Column[]::new));
  }

  private static long longOrZero(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }
}
