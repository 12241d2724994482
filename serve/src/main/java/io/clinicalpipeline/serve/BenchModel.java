package io.clinicalpipeline.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A model of the pipeline's shape for the benchmark when no model directory is given: as wide as the
 * sample's default task (about 980 columns: a few demographics, then event counts that are mostly zero and
 * a few observation values, some missing), trained with the shipped depth (3) for a fixed number of rounds.
 */
final class BenchModel {

  private BenchModel() {}

  /** Generated rows, row-major: column 0 an age, columns 1-29 observation values (a third missing), the rest counts. */
  static float[] rows(Random random, int n, int width) {
    float[] x = new float[n * width];
    for (int r = 0; r < n; r++) {
      int at = r * width;
      x[at] = 18 + random.nextInt(72);
      for (int c = 1; c < width; c++) {
        if (c < 30) {
          x[at + c] = random.nextInt(3) == 0 ? Float.NaN : Math.round(random.nextGaussian() * 1e6) / 1e5f;
        } else {
          x[at + c] = random.nextInt(20) == 0 ? 1 + random.nextInt(4) : 0;
        }
      }
    }
    return x;
  }

  static void write(Path dir, int width, int rounds) throws IOException, XGBoostError {
    Random random = new Random(5);
    int n = 2000;
    float[] x = rows(random, n, width);
    float[] y = new float[n];
    for (int r = 0; r < n; r++) {
      double z = (x[r * width] - 50) / 20 + x[r * width + 40] + x[r * width + 41] - 0.5;
      y[r] = 1 / (1 + Math.exp(-z)) > random.nextDouble() ? 1 : 0;
    }
    Booster booster = train(x, y, width, rounds, 0.03);
    Files.createDirectories(dir);
    Files.write(dir.resolve(ModelDir.MODEL_FILE), booster.toByteArray("ubj"));
    booster.dispose();
  }

  /** A binary:logistic booster of depth 3, trained on one thread with a fixed seed. */
  static Booster train(float[] x, float[] y, int width, int rounds, double eta) throws XGBoostError {
    DMatrix train = new DMatrix(x, y.length, width, Float.NaN);
    try {
      train.setLabel(y);
      Map<String, Object> params = new HashMap<>();
      params.put("objective", "binary:logistic");
      params.put("max_depth", 3);
      params.put("eta", eta);
      params.put("colsample_bytree", 0.5);
      params.put("tree_method", "hist");
      params.put("seed", 42);
      params.put("nthread", 1);
      return XGBoost.train(train, params, rounds, new HashMap<>(), null, null);
    } finally {
      train.dispose();
    }
  }
}
