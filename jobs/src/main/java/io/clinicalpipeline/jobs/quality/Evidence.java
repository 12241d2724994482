package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A few violating rows of failed checks, by pseudonymous id only: the first {@code n} distinct id tuples
 * in ascending order. Row checks of one table share one pass (a table of ~1,000 feature columns can fail
 * hundreds of completeness warnings at once); a uniqueness check needs its own window over its key.
 */
final class Evidence {

  /** Evidence ids that already look like keyed pseudonyms are shown as they are; others are hashed. */
  static final String PSEUDONYM_REGEX = "^[0-9a-f]{32}$";

  private static final String RULE = "_evidence_rule";
  private static final String RANK = "_evidence_rank";

  private Evidence() {}

  /** Evidence of each failed row check in {@code rules} (all of one table), by rule name, in one pass. */
  static Map<String, List<Map<String, String>>> ofRows(
      List<Rule> rules, Dataset<Row> prepared, List<String> ids, int n) {
    Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
    rules.forEach(r -> out.put(r.name(), new ArrayList<>()));
    if (rules.isEmpty() || ids.isEmpty() || n <= 0) {
      return out;
    }
    Column[] flags = new Column[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      flags[i] = when(expr(rules.get(i).violatingRowsPredicate()), lit(i));
    }
    List<Column> cols = new ArrayList<>();
    ids.forEach(c -> cols.add(pseudonym(c).as(c)));
    cols.add(explode(array_compact(array(flags))).as(RULE));
    Column[] order = ids.stream().map(c -> col(c)).toArray(Column[]::new);
    List<Row> rows =
        prepared.select(cols.toArray(Column[]::new)).distinct()
            .withColumn(RANK, row_number().over(Window.partitionBy(col(RULE)).orderBy(order)))
            .where(col(RANK).leq(n))
            .collectAsList();
    List<Row> sorted = new ArrayList<>(rows);
    int rule = ids.size();
    int rank = ids.size() + 1;
    sorted.sort((a, b) -> a.getInt(rule) != b.getInt(rule)
        ? Integer.compare(a.getInt(rule), b.getInt(rule))
        : Integer.compare(a.getInt(rank), b.getInt(rank)));
    for (Row row : sorted) {
      out.get(rules.get(row.getInt(rule)).name()).add(idsOf(row, ids));
    }
    return out;
  }

  /** Evidence of a failed uniqueness check: rows whose key occurs more than once. */
  static List<Map<String, String>> ofDuplicates(Rule r, Dataset<Row> prepared, List<String> ids, int n) {
    if (ids.isEmpty() || n <= 0) {
      return List.of();
    }
    Column[] keys = r.columns().stream().map(c -> prepared.col(Rules.ident(c))).toArray(Column[]::new);
    Dataset<Row> violating =
        prepared.withColumn("_dup", count(lit(1)).over(Window.partitionBy(keys))).where("_dup > 1");
    Column[] pseudonyms = ids.stream().map(c -> pseudonym(c).as(c)).toArray(Column[]::new);
    List<Row> rows = violating.select(pseudonyms).distinct()
        .orderBy(ids.stream().map(c -> col(c)).toArray(Column[]::new)).limit(n).collectAsList();
    List<Map<String, String>> out = new ArrayList<>();
    rows.forEach(row -> out.add(idsOf(row, ids)));
    return out;
  }

  private static Map<String, String> idsOf(Row row, List<String> ids) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      Object v = row.get(i);
      if (v != null) {
        m.put(ids.get(i), v.toString());
      }
    }
    return m;
  }

  /** The id as it may appear in a report: a keyed pseudonym as is, anything else as a hash prefix. */
  static Column pseudonym(String column) {
    String c = "CAST(" + Rules.ident(column) + " AS STRING)";
    return expr(
        "CASE WHEN " + c + " RLIKE '" + PSEUDONYM_REGEX + "' THEN " + c
            + " ELSE concat('h:', substr(sha2(" + c + ", 256), 1, 16)) END");
  }
}
