package io.clinicalpipeline.jobs.train;

import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.jobs.calibration.Calibrator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Scores the transform input on the executors: rows (file, pos, row_id, features) in, (file, pos, row_id,
 * score, raw_score) out, with the trees up to the best iteration (what SageMaker's XGBoost serving uses
 * after early stopping); {@code score} is the raw score through the calibrator, or the raw score when
 * there is none. Holds only the model bytes and the calibrator; the booster is loaded inside {@link #call}.
 */
public final class XGBoostScorer implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  public static final StructType SCHEMA =
      new StructType()
          .add(TrainTransform.FILE, DataTypes.StringType)
          .add(TrainTransform.POS, DataTypes.LongType)
          .add(TrainTransform.ROW_ID, DataTypes.StringType)
          .add(TrainTransform.SCORE, DataTypes.DoubleType)
          .add(TrainTransform.RAW_SCORE, DataTypes.FloatType);

  private static final int BATCH = 4096;

  private final byte[] model;
  private final int width;
  private final int treeLimit;
  private final Calibrator calibrator;

  /** {@code calibrator} may be null: then {@code score} is the raw score. */
  XGBoostScorer(byte[] model, int width, int treeLimit, Calibrator calibrator) {
    this.model = model;
    this.width = width;
    this.treeLimit = treeLimit;
    this.calibrator = calibrator;
  }

  /**
   * A scorer for a saved model as the train job scores its test rows: trees up to the best iteration
   * recorded in the booster's attributes, then the calibrator stored with it (null: none). {@code source}
   * names the model file in errors.
   */
  public static XGBoostScorer forModel(byte[] model, int width, String source, Calibrator calibrator) throws XGBoostError {
    Booster booster;
    try {
      booster = XGBoost.loadModel(model);
    } catch (XGBoostError | java.io.IOException e) {
      throw new InputException(source + ": not an XGBoost model");
    }
    try {
      long features = booster.getNumFeature();
      if (features != width) {
        throw new InputException(source + ": the model takes " + features + " features, the feature manifest lists " + width);
      }
      String best = booster.getAttr(XGBoostTrainer.ATTR_BEST_ITERATION);
      int limit;
      try {
        limit = best == null ? booster.getNumBoostedRound() : Integer.parseInt(best) + 1;
      } catch (NumberFormatException e) {
        throw new InputException(source + ": attribute " + XGBoostTrainer.ATTR_BEST_ITERATION + " is not a number");
      }
      return new XGBoostScorer(model, width, limit, calibrator);
    } finally {
      booster.dispose();
    }
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws Exception {
    List<Row> out = new ArrayList<>();
    if (!rows.hasNext()) {
      return out.iterator();
    }
    Booster booster = XGBoost.loadModel(model);
    booster.setParam("nthread", "1");
    try {
      List<Row> batch = new ArrayList<>(BATCH);
      while (rows.hasNext()) {
        batch.add(rows.next());
        if (batch.size() == BATCH || !rows.hasNext()) {
          score(booster, batch, out);
          batch.clear();
        }
      }
    } finally {
      booster.dispose();
    }
    return out.iterator();
  }

  private void score(Booster booster, List<Row> batch, List<Row> out) throws Exception {
    float[] data = new float[batch.size() * width];
    for (int r = 0; r < batch.size(); r++) {
      Seq<Object> features = batch.get(r).getSeq(3);
      List<Object> values = JavaConverters.seqAsJavaList(features);
      for (int c = 0; c < width; c++) {
        data[r * width + c] = (Float) values.get(c);
      }
    }
    float[][] p =
        booster.inplace_predict(data, batch.size(), width, Float.NaN, new int[] {0, treeLimit});
    for (int r = 0; r < batch.size(); r++) {
      Row in = batch.get(r);
      float raw = p[r][0];
      double score = calibrator == null ? raw : calibrator.apply(raw);
      out.add(RowFactory.create(in.getString(0), in.getLong(1), in.getString(2), score, raw));
    }
  }
}
