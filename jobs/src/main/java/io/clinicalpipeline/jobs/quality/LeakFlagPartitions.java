package io.clinicalpipeline.jobs.quality;

import java.util.Iterator;
import io.clinicalpipeline.jobs.deid.LeakScan;
import java.util.Map;
import org.ahocorasick.trie.PayloadTrie;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Executor side of the leak scan: appends true to rows whose text columns hold an identifier (whole words, any case). */
final class LeakFlagPartitions implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final Map<String, String> identifiers;
  private final int[] textColumns;

  LeakFlagPartitions(Map<String, String> identifiers, int[] textColumns) {
    this.identifiers = new java.util.TreeMap<>(identifiers);
    this.textColumns = textColumns.clone();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    PayloadTrie<String> trie = identifiers.isEmpty() ? null : LeakScan.automaton(identifiers);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        boolean hit = false;
        if (trie != null) {
          for (int i : textColumns) {
            Object v = r.get(i);
            if (v != null && !LeakScan.find(trie, v.toString()).isEmpty()) {
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
