package io.clinicalpipeline.jobs.features;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Executor side of the feature matrix: turns each example's sparse entries into the dense array of event
 * features, in manifest order. Input rows hold {@code fixed} leading columns (ids, label, split,
 * demographics), copied as they are, then the entries array (null when the example has no events): one
 * {@code (first, values)} per source and key, {@code values[j]} being event feature {@code first + j}.
 * Placing values by position replaces one lookup per feature column in SQL, whose map access is a linear
 * scan: thousands of columns times thousands of entries per row.
 *
 * <p>Each value is finished like the SQL expression it replaces: missing counts become 0, missing
 * observation statistics stay empty, note counts are multiplied by their IDF, integer features are
 * truncated (kept as doubles in the array), doubles rounded half-even to {@link FeatureMatrix#SCALE} places (Spark's {@code bround}).
 */
final class WidenRows implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final int fixed;
  private final boolean[] integer;
  private final boolean[] missingIsZero;
  private final double[] idf;

  WidenRows(int fixed, List<FeatureMatrix.Feature> eventFeatures) {
    this.fixed = fixed;
    int n = eventFeatures.size();
    this.integer = new boolean[n];
    this.missingIsZero = new boolean[n];
    this.idf = new double[n];
    for (int i = 0; i < n; i++) {
      FeatureMatrix.Feature f = eventFeatures.get(i);
      integer[i] = "int".equals(f.type());
      missingIsZero[i] = f.missingIsZero();
      idf[i] = f.idf() == null ? Double.NaN : f.idf();
    }
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      private final Double[] values = new Double[idf.length];

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row in = rows.next();
        Object[] out = new Object[fixed + 1];
        Double[] dense = new Double[values.length];
        for (int i = 0; i < fixed; i++) {
          out[i] = in.get(i);
        }
        java.util.Arrays.fill(values, null);
        if (!in.isNullAt(fixed)) {
          List<Row> entries = in.getList(fixed);
          for (Row e : entries) {
            int first = e.getInt(0);
            List<Double> v = e.getList(1);
            for (int j = 0; j < v.size(); j++) {
              if (v.get(j) != null) {
                values[first + j] = v.get(j);
              }
            }
          }
        }
        for (int i = 0; i < values.length; i++) {
          dense[i] = finish(i, values[i]);
        }
        out[fixed] = dense;
        return RowFactory.create(out);
      }
    };
  }

  private Double finish(int i, Double value) {
    Double v = value;
    if (v == null) {
      if (!missingIsZero[i]) {
        return null;
      }
      v = 0.0;
    }
    double d = v;
    if (!Double.isNaN(idf[i])) {
      d *= idf[i];
    }
    if (integer[i]) {
      return (double) (int) d;
    }
    return round(d);
  }

  /** Spark's {@code bround(v, SCALE)} on a double. */
  static double round(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return d;
    }
    return BigDecimal.valueOf(d).setScale(FeatureMatrix.SCALE, RoundingMode.HALF_EVEN).doubleValue();
  }
}
