package io.clinicalpipeline.jobs.features;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Formats the CSV channels on the executors. Input rows: {@code row_id, label}, the {@code fixed}
 * demographic features, then the array of event features. Output lines: {@code label,f1,...,fn} for the
 * training channels, or {@code row_id,f1,...,fn} for the batch-transform input; no header; a missing value
 * is an empty field; integers without a decimal point, doubles as Java prints them (what Spark's CSV
 * writer produced), which SageMaker's XGBoost reads.
 */
final class CsvLines implements MapPartitionsFunction<Row, String> {

  private static final long serialVersionUID = 1L;

  private final boolean[] integer;
  private final int fixed;
  private final boolean rowIdFirst;

  CsvLines(List<FeatureMatrix.Feature> features, int fixed, boolean rowIdFirst) {
    this.integer = new boolean[features.size()];
    for (int i = 0; i < integer.length; i++) {
      integer[i] = "int".equals(features.get(i).type());
    }
    this.fixed = fixed;
    this.rowIdFirst = rowIdFirst;
  }

  @Override
  public Iterator<String> call(Iterator<Row> rows) {
    return new Iterator<>() {
      private final StringBuilder sb = new StringBuilder(1 << 12);

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public String next() {
        Row r = rows.next();
        sb.setLength(0);
        Object first = rowIdFirst ? r.get(0) : r.get(1);
        if (first != null) {
          sb.append(first);
        }
        for (int i = 0; i < fixed; i++) {
          sb.append(',');
          append(i, r.get(2 + i));
        }
        List<Object> rest = eventFeatures(r.get(2 + fixed));
        for (int i = fixed; i < integer.length; i++) {
          sb.append(',');
          append(i, i - fixed < rest.size() ? rest.get(i - fixed) : null);
        }
        return sb.toString();
      }

      /**
       * The event-feature array: a Spark array when the rows were serialised, or {@link WidenRows}'
       * {@code Double[]} as it is when Spark hands its rows straight to this function.
       */
      private List<Object> eventFeatures(Object v) {
        if (v == null) {
          return List.of();
        }
        if (v instanceof Object[] array) {
          return java.util.Arrays.asList(array);
        }
        return scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<Object>) v);
      }

      private void append(int feature, Object v) {
        if (v == null) {
          return;
        }
        if (integer[feature]) {
          sb.append(((Number) v).longValue());
        } else {
          sb.append(((Number) v).doubleValue());
        }
      }
    };
  }
}
