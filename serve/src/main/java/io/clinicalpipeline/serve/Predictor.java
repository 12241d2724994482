package io.clinicalpipeline.serve;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Probabilities from an XGBoost booster for dense rows of features (NaN = missing), with the trees up to
 * the booster's {@code best_iteration} attribute when it has one, as SageMaker's XGBoost serving and the
 * train job's test predictions use. One booster shared by every request thread: XGBoost's in-place
 * prediction is thread-safe; each call uses one thread, so requests are the unit of parallelism.
 */
public final class Predictor implements AutoCloseable {

  private final Booster booster;
  private final int width;
  private final int[] iterationRange;
  private final List<String> featureNames;
  private final Map<String, Integer> featureIndex = new HashMap<>();

  private Predictor(Booster booster, int width, int[] iterationRange, List<String> featureNames) {
    this.booster = booster;
    this.width = width;
    this.iterationRange = iterationRange;
    this.featureNames = featureNames;
    for (int i = 0; i < featureNames.size(); i++) {
      featureIndex.put(featureNames.get(i), i);
    }
  }

  /** Loads the model; fails when the manifest's feature count differs from the booster's. */
  public static Predictor load(ModelDir dir) throws XGBoostError {
    Booster booster;
    try {
      booster = XGBoost.loadModel(dir.model());
    } catch (java.io.IOException e) {
      throw new XGBoostError("model file is not an XGBoost model");
    }
    booster.setParam("nthread", "1");
    int width = (int) booster.getNumFeature();
    if (!dir.featureNames().isEmpty() && dir.featureNames().size() != width) {
      booster.dispose();
      throw new XGBoostError(
          "feature manifest names " + dir.featureNames().size() + " features, the model has " + width);
    }
    String best = booster.getAttr("best_iteration");
    int[] range = best == null ? new int[] {0, 0} : new int[] {0, Integer.parseInt(best) + 1};
    return new Predictor(booster, width, range, dir.featureNames());
  }

  /** Number of features per row. */
  public int width() {
    return width;
  }

  /** Feature names in column order; empty when the model directory had no manifest. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The column of a feature name, or -1. */
  int column(String name) {
    Integer i = featureIndex.get(name);
    return i == null ? -1 : i;
  }

  /** One probability per row of {@code rows} ({@code n * width} values, row-major). */
  public float[] predict(float[] rows, int n) throws XGBoostError {
    if (rows.length != n * width) {
      throw new IllegalArgumentException("expected " + n * width + " values, got " + rows.length);
    }
    if (n == 0) {
      return new float[0];
    }
    float[][] p = booster.inplace_predict(rows, n, width, Float.NaN, iterationRange);
    float[] out = new float[n];
    for (int r = 0; r < n; r++) {
      out[r] = p[r][0];
    }
    return out;
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
