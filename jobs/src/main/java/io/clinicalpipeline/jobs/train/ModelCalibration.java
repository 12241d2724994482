package io.clinicalpipeline.jobs.train;

import io.clinicalpipeline.jobs.calibration.CalibratorChoice;
import java.io.IOException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The calibrator of a trained model: the validation rows scored with the trees up to the best iteration
 * (as the test rows are), then {@link CalibratorChoice#fit}.
 */
final class ModelCalibration {

  private ModelCalibration() {}

  static CalibratorChoice fit(byte[] model, int treeLimit, DenseRows validation) throws XGBoostError, IOException {
    return CalibratorChoice.fit(rawScores(model, treeLimit, validation), validation.labelsAsDoubles());
  }

  static double[] rawScores(byte[] model, int treeLimit, DenseRows rows) throws XGBoostError, IOException {
    Booster booster = XGBoost.loadModel(model);
    try {
      booster.setParam("nthread", "1");
      float[][] p =
          booster.inplace_predict(rows.data(), rows.rows(), rows.width(), Float.NaN, new int[] {0, treeLimit});
      double[] raw = new double[rows.rows()];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = p[i][0];
      }
      return raw;
    } finally {
      booster.dispose();
    }
  }
}
