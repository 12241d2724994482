package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;

import io.clinicalpipeline.common.manifest.Manifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What ingest says about one table: rows in, out and quarantined, the quarantined rows per source file and
 * reason with the first record and field of each, and the problems that fail the job (a damaged file, a
 * table whose files hold no records, more than the allowed share quarantined). Everything comes from one
 * aggregate over the checked table ({@link #counts}), the same pass that counted rows out before.
 *
 * <p>Never a value from the data. Synthea's notes files are named after the patient; they are grouped as
 * {@code notes/*_<patient id>.txt} here (the quarantine table keeps the patient id of each).
 */
final class TableReport {

  /** At most this many (file, reason) lines per table on the console; the manifest has all. */
  static final int CONSOLE_GROUPS = 10;

  /** Quarantined rows of one source file for one reason, and where the first of them is. */
  record Group(String file, String reason, long rows, long firstRecord, String firstField) {
    String where() {
      String at = (file.contains("*_") ? " note " : " line ") + firstRecord;
      return file + at + (firstField == null ? "" : ", field " + firstField);
    }
  }

  final String table;
  final long rowsOut;
  final long rowsQuarantined;
  final List<Group> groups;
  /** The table's source files (folder for notes files), or none when the input has none. */
  final List<String> sources;

  private TableReport(String table, long rowsOut, List<Group> groups, List<String> sources) {
    this.table = table;
    this.rowsOut = rowsOut;
    this.groups = groups;
    this.rowsQuarantined = groups.stream().mapToLong(Group::rows).sum();
    this.sources = sources;
  }

  /** One row per (file, reason): reason null for the rows that passed. */
  static Dataset<Row> counts(Dataset<Row> checked) {
    return checked
        .groupBy(
            regexp_replace(col(Staged.SOURCE_FILE), "\\*_[^/]*$", "*_<patient id>.txt").as("file"),
            col(IngestTransform.ERROR + ".reason").as("reason"))
        .agg(
            count(lit(1)).as("rows"),
            min(struct(col(Staged.RECORD), col(IngestTransform.ERROR + ".field"))).as("first"));
  }

  static TableReport of(String table, List<Row> counts, List<String> sources) {
    long out = 0;
    List<Group> groups = new ArrayList<>();
    for (Row r : counts) {
      if (r.isNullAt(1)) {
        out += r.getLong(2);
      } else {
        Row first = r.getStruct(3);
        groups.add(new Group(r.getString(0), r.getString(1), r.getLong(2), first.getLong(0), first.getString(1)));
      }
    }
    groups.sort(
        Comparator.comparingLong(Group::rows).reversed().thenComparing(Group::file).thenComparing(Group::reason));
    return new TableReport(table, out, groups, sources);
  }

  long rowsIn() {
    return rowsOut + rowsQuarantined;
  }

  /** Source file → reason → rows, for the manifest. */
  Map<String, Map<String, Long>> reasons() {
    Map<String, Map<String, Long>> m = new TreeMap<>();
    groups.forEach(g -> m.computeIfAbsent(g.file(), f -> new TreeMap<>()).merge(g.reason(), g.rows(), Long::sum));
    return m;
  }

  void addTo(Manifest manifest) {
    manifest.table(table, rowsIn(), rowsOut, rowsQuarantined);
    manifest.tables.get(table).quarantineReasons = reasons();
  }

  /** The console lines: a summary, then the largest (file, reason) groups. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    String share = rowsIn() == 0 ? "" : String.format(Locale.ROOT, " (%.2f%%)", 100.0 * rowsQuarantined / rowsIn());
    lines.add(
        String.format(
            Locale.ROOT, "%s: %d in, %d out, %d quarantined%s%s", table, rowsIn(), rowsOut, rowsQuarantined, share,
            sources.isEmpty() ? ", no source file" : ""));
    groups.stream()
        .limit(CONSOLE_GROUPS)
        .forEach(g -> lines.add(String.format(Locale.ROOT, "  %d x %s (first: %s)", g.rows(), g.reason(), g.where())));
    if (groups.size() > CONSOLE_GROUPS) {
      lines.add("  ... " + (groups.size() - CONSOLE_GROUPS) + " more (file, reason) groups in the manifest");
    }
    return lines;
  }

  /** Why a table fails the job; {@code rank} orders problems across tables, most serious (0) first. */
  record Problem(int rank, String message) {}

  /** Why this table fails the job: a damaged file (rank 0), no records (1), too many quarantined (2). */
  List<Problem> problems(double maxShare) {
    List<Problem> problems = new ArrayList<>();
    for (Group g : groups) {
      if (IngestTransform.FATAL.contains(g.reason())) {
        String at = (g.file().contains("*_") ? " note " : " line ") + g.firstRecord();
        problems.add(new Problem(0, g.file() + at + ": " + g.reason()));
      }
    }
    if (!sources.isEmpty() && rowsIn() == 0) {
      problems.add(new Problem(1, table + " is empty: " + String.join(", ", sources) + " hold(s) no records"));
    } else if (rowsIn() > 0 && rowsQuarantined > maxShare * rowsIn()) {
      Group top = groups.get(0);
      problems.add(new Problem(2,
          String.format(
              Locale.ROOT,
              "%s: %d of %d records (%.1f%%) quarantined, more than the allowed %s%% (--max-quarantine-share);"
                  + " most for %s (%d, first: %s)",
              table, rowsQuarantined, rowsIn(), 100.0 * rowsQuarantined / rowsIn(), percent(maxShare),
              top.reason(), top.rows(), top.where())));
    }
    return problems;
  }

  private static String percent(double share) {
    return new java.math.BigDecimal(Double.toString(100 * share)).stripTrailingZeros().toPlainString();
  }
}
