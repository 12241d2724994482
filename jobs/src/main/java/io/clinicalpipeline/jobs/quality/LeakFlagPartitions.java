package io.clinicalpipeline.jobs.quality;

import java.util.Iterator;
import java.util.List;
import org.ahocorasick.trie.Trie;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Executor side of the leak scan: appends true to rows whose text columns hold an identifier. */
final class LeakFlagPartitions implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final List<String> identifiers;
  private final int[] textColumns;

  LeakFlagPartitions(List<String> identifiers, int[] textColumns) {
    this.identifiers = List.copyOf(identifiers);
    this.textColumns = textColumns.clone();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Trie trie =
        identifiers.isEmpty()
            ? null
            : Trie.builder().onlyWholeWords().addKeywords(identifiers).build();
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
            if (v != null && trie.containsMatch(v.toString())) {
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
