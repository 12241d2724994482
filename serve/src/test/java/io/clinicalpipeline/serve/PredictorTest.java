package io.clinicalpipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {

  @TempDir Path tmp;

  @Test
  void load_readsFeatureNamesInColumnOrder() throws Exception {
    ModelDir dir = ModelDir.read(TinyModel.write(tmp.resolve("model")), Optional.empty());
    assertThat(dir.featureNames()).isEqualTo(TinyModel.names());
  }

  @Test
  void predict_usesTreesUpToBestIteration() throws Exception {
    Path model = TinyModel.write(tmp.resolve("model"));
    float[] rows = TinyModel.rows(new Random(3), 50);
    Booster booster = XGBoost.loadModel(Files.readAllBytes(model.resolve(ModelDir.MODEL_FILE)));
    float[][] best = booster.inplace_predict(rows, 50, TinyModel.WIDTH, Float.NaN,
        new int[] {0, TinyModel.BEST_ITERATION + 1});
    float[][] all = booster.inplace_predict(rows, 50, TinyModel.WIDTH, Float.NaN);
    booster.dispose();
    try (Predictor p = Predictor.load(ModelDir.read(model, Optional.empty()))) {
      float[] scores = p.predict(rows, 50);
      for (int r = 0; r < 50; r++) {
        assertThat(scores[r]).isEqualTo(best[r][0]);
      }
      assertThat(scores).isNotEqualTo(column(all));
    }
  }

  @Test
  void load_manifestOfOtherWidth_fails() throws Exception {
    Path model = TinyModel.write(tmp.resolve("model"));
    Files.writeString(model.resolve(ModelDir.FEATURE_MANIFEST),
        "{\"features\":[{\"csv_column\":1,\"name\":\"age\"}]}");
    assertThatThrownBy(() -> Predictor.load(ModelDir.read(model, Optional.empty())))
        .hasMessage("feature manifest names 1 features, the model has 12");
  }

  @Test
  void read_withoutModelFile_namesTheFile() {
    assertThatThrownBy(() -> ModelDir.read(tmp, Optional.empty()))
        .hasMessageStartingWith("model directory has no xgboost-model");
  }

  private static float[] column(float[][] p) {
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i][0];
    }
    return out;
  }
}
