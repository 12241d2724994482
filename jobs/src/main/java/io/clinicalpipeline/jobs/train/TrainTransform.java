package io.clinicalpipeline.jobs.train;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pure transforms of the train step: CSV channel lines into labels and feature arrays (kept in file
 * order, as a batch transform keeps them), checks over them, the baseline's input frame, and prediction
 * lines. No paths, no session.
 */
public final class TrainTransform {

  public static final String FILE = "file";
  public static final String POS = "pos";
  public static final String ROW_ID = "row_id";
  public static final String LABEL = "label";
  public static final String FEATURES = "features";
  public static final String WIDTH = "width";
  public static final String UNPARSABLE = "unparsable";
  public static final String SCORE = "score";
  /** The model's score before calibration: the second column of the model's predictions. */
  public static final String RAW_SCORE = "raw_score";
  public static final String LINE_HASH = "line_hash";

  private TrainTransform() {}

  /**
   * Tags the lines of a text scan ({@code value}) with their place: the file and an id that grows with
   * the line's position in it. Sorting by both gives the lines in file-name order, each file in line
   * order, whatever order Spark read the files in. Apply directly to {@code spark.read().text(..)}.
   */
  public static Dataset<Row> withPlace(Dataset<Row> lines) {
    return lines
        .withColumn(FILE, input_file_name())
        .withColumn(POS, monotonically_increasing_id())
        .filter(expr("length(trim(value)) > 0"));
  }

  /** As {@link #withPlace}, for lines computed rather than read from files (one source, no file name). */
  public static Dataset<Row> withPosition(Dataset<Row> lines) {
    return lines
        .withColumn(FILE, lit(""))
        .withColumn(POS, monotonically_increasing_id())
        .filter(expr("length(trim(value)) > 0"));
  }

  /**
   * Splits CSV lines into their first column ({@code first}: label or row_id, as text), the remaining
   * columns as floats ({@code features}; empty fields are missing, NaN), their count ({@code width}) and
   * how many non-empty fields are not numbers ({@code unparsable}), and a hash of the line.
   */
  public static Dataset<Row> splitCsv(Dataset<Row> placed) {
    return placed
        .selectExpr(FILE, POS, "split(value, ',', -1) AS parts", "xxhash64(value) AS " + LINE_HASH)
        .selectExpr(
            FILE, POS, LINE_HASH, "trim(parts[0]) AS first", "slice(parts, 2, size(parts) - 1) AS raw")
        .selectExpr(
            FILE,
            POS,
            LINE_HASH,
            "first",
            "size(raw) AS " + WIDTH,
            "transform(raw, x -> coalesce(try_cast(trim(x) AS float), CAST('NaN' AS float))) AS " + FEATURES,
            "size(filter(raw, x -> trim(x) != '' AND try_cast(trim(x) AS float) IS NULL)) AS " + UNPARSABLE);
  }

  /** A training channel: {@code first} read as the label (null when it is not a number). */
  public static Dataset<Row> labeled(Dataset<Row> split) {
    return split.withColumn(LABEL, expr("try_cast(first AS double)")).drop("first");
  }

  /** The transform input: {@code first} is the row id. */
  public static Dataset<Row> identified(Dataset<Row> split) {
    return split.withColumnRenamed("first", ROW_ID);
  }

  /**
   * One row of counts over a split channel: rows, narrowest and widest feature count, unparsable fields,
   * a digest of the content (XOR of line hashes, for checkpoint fingerprints), and (for labelled
   * channels) labels that are not 0 or 1, or (for the transform input) distinct ids.
   */
  public static Dataset<Row> checks(Dataset<Row> channel) {
    boolean labelled = java.util.Arrays.asList(channel.columns()).contains(LABEL);
    Column extra =
        labelled
            ? sum(when(col(LABEL).isin(0.0, 1.0), 0).otherwise(1)).as("bad_labels")
            : countDistinct(col(ROW_ID)).as("distinct_ids");
    return channel.agg(
        count(lit(1)).as("rows"),
        coalesce(min(WIDTH), lit(0)).as("min_width"),
        coalesce(max(WIDTH), lit(0)).as("max_width"),
        coalesce(sum(UNPARSABLE), lit(0L)).as("unparsable"),
        coalesce(expr("bit_xor(" + LINE_HASH + ")"), lit(0L)).as("content_hash"),
        extra);
  }

  /**
   * The baseline's frame from the examples side table: row_id, split, label (double), age (double, null
   * when unknown) and sex ({@code unknown} when missing).
   */
  public static Dataset<Row> baselineFrame(Dataset<Row> examples) {
    return examples.select(
        col(ROW_ID).cast("string").as(ROW_ID),
        col("split"),
        col(LABEL).cast("double").as(LABEL),
        col("age").cast("double").as("age"),
        coalesce(col("sex").cast("string"), lit("unknown")).as("sex"));
  }

  /** The positive-class probability of a Spark ML classifier's output, as {@code score}. */
  public static Column positiveProbability(String probabilityCol) {
    return functions.vector_to_array(col(probabilityCol), "float64").getItem(1).as(SCORE);
  }

  /**
   * Test-set scores in the order of the transform input: {@code order} (file, pos, row_id) left-joined
   * with {@code scores} (row_id, score); a null score means the id had no score.
   */
  public static Dataset<Row> inInputOrder(Dataset<Row> order, Dataset<Row> scores) {
    return order.select(FILE, POS, ROW_ID).join(scores.select(ROW_ID, SCORE), ROW_ID, "left");
  }

  /**
   * Lines {@code row_id,score} (and {@code ,raw_score} when {@code ordered} has it) sorted by the input's
   * place, in one partition (for one output file).
   */
  public static Dataset<Row> predictionLines(Dataset<Row> ordered) {
    Column line =
        java.util.Arrays.asList(ordered.columns()).contains(RAW_SCORE)
            ? concat_ws(",", col(ROW_ID), col(SCORE).cast("string"), col(RAW_SCORE).cast("string"))
            : concat_ws(",", col(ROW_ID), col(SCORE).cast("string"));
    return ordered.orderBy(col(FILE), col(POS)).select(line.as("value")).coalesce(1);
  }
}
