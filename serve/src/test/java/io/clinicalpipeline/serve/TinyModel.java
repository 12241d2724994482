package io.clinicalpipeline.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a small binary:logistic model on generated rows (some values missing) and writes it as the train
 * job does: {@code xgboost-model} in UBJSON with a {@code best_iteration} below the last round, and a
 * {@code feature_manifest.json} whose features are listed out of column order.
 */
final class TinyModel {

  static final int WIDTH = 12;
  static final int ROUNDS = 30;
  static final int BEST_ITERATION = 19;

  private TinyModel() {}

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < WIDTH; i++) {
      names.add(i == 0 ? "age" : i == 1 ? "sex_F" : "f" + i + "_count_365d");
    }
    return names;
  }

  /** Rows of generated features, row-major; about one value in ten missing. */
  static float[] rows(Random random, int n) {
    float[] x = new float[n * WIDTH];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(10) == 0 ? Float.NaN : (float) Math.round(random.nextGaussian() * 1e4) / 1e3f;
    }
    return x;
  }

  static Path write(Path dir) throws IOException, XGBoostError {
    Random random = new Random(7);
    int n = 400;
    float[] x = rows(random, n);
    float[] y = new float[n];
    for (int r = 0; r < n; r++) {
      float a = Float.isNaN(x[r * WIDTH]) ? 0 : x[r * WIDTH];
      float b = Float.isNaN(x[r * WIDTH + 2]) ? 0 : x[r * WIDTH + 2];
      y[r] = a + 0.5f * b + random.nextGaussian() > 0 ? 1 : 0;
    }
    Booster booster = BenchModel.train(x, y, WIDTH, ROUNDS, 0.3);
    booster.setAttr("best_iteration", String.valueOf(BEST_ITERATION));
    Files.createDirectories(dir);
    Files.write(dir.resolve(ModelDir.MODEL_FILE), booster.toByteArray("ubj"));
    booster.dispose();
    List<Map<String, Object>> features = new ArrayList<>();
    List<String> names = names();
    for (int i = WIDTH - 1; i >= 0; i--) {
      features.add(Map.of("csv_column", i + 1, "name", names.get(i), "type", "double"));
    }
    Map<String, Object> manifest = Map.of("task", "tiny", "feature_count", WIDTH, "features", features);
    new ObjectMapper().writeValue(dir.resolve(ModelDir.FEATURE_MANIFEST).toFile(), manifest);
    return dir;
  }
}
