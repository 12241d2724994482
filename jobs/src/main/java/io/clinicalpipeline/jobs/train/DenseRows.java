package io.clinicalpipeline.jobs.train;

import java.util.Iterator;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A checked, labelled channel collected on the driver in file order: row-major features (NaN is missing)
 * and labels, what XGBoost's dense matrix and the calibrator fit read.
 */
record DenseRows(float[] data, float[] labels, int rows, int width) {

  /** Collects {@code channel} (label, features) in file order. */
  static DenseRows collect(Dataset<Row> channel, int rows, int width) {
    float[] data = new float[Math.multiplyExact(rows, width)];
    float[] labels = new float[rows];
    Iterator<Row> it =
        channel
            .orderBy(TrainTransform.FILE, TrainTransform.POS)
            .select(TrainTransform.LABEL, TrainTransform.FEATURES)
            .toLocalIterator();
    int r = 0;
    while (it.hasNext()) {
      Row row = it.next();
      labels[r] = (float) row.getDouble(0);
      List<Object> f = row.getList(1);
      for (int c = 0; c < width; c++) {
        data[r * width + c] = (Float) f.get(c);
      }
      r++;
    }
    return new DenseRows(data, labels, rows, width);
  }

  /** XGBoost's dense matrix of these rows, labelled. The caller disposes it. */
  DMatrix dmatrix() throws XGBoostError {
    DMatrix m = new DMatrix(data, rows, width, Float.NaN);
    m.setLabel(labels);
    return m;
  }

  double[] labelsAsDoubles() {
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = labels[i];
    }
    return y;
  }
}
