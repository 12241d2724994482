package io.clinicalpipeline.jobs.leak;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Executor side of the leak scan: appends true to rows whose text columns hold an identifier (whole words, any case). */
final class LeakFlagPartitions implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final Map<String, String> identifiers;
  private final int[] textColumns;

  LeakFlagPartitions(Map<String, String> identifiers, int[] textColumns) {
    this.identifiers = new TreeMap<>(identifiers);
    this.textColumns = textColumns.clone();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    IdentifierMatcher matcher = identifiers.isEmpty() ? null : IdentifierMatcher.of(identifiers);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        boolean hit = false;
        if (matcher != null) {
          for (int i : textColumns) {
            Object v = r.get(i);
            if (v != null && matcher.anyIn(v.toString())) {
              hit = true;
              break;
            }
          }
        }
        Object[] values = new Object[r.size() + 1];
        for (int i = 0; i < r.size(); i++) {
          values[i] = r.get(i);
        }
        values[r.size()] = hit;
        return RowFactory.create(values);
      }
    };
  }
}
