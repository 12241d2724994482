package io.clinicalpipeline.jobs.quality;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Expands a suite's check specs into rules against the tables that were found. */
final class Rules {

  /** Name of the boolean column the leak scanner adds to a table. */
  static final String LEAK_FLAG = "_phi_leak";

  private Rules() {}

  /**
   * One rule per (check, table, column). {@code schemas} holds the tables that exist; checks on a missing
   * table still yield their rules (they report not-applicable), with columns taken from the spec.
   */
  static List<Rule> expand(Suite suite, Checkpoint checkpoint, Map<String, StructType> schemas) {
    List<Rule> rules = new ArrayList<>();
    for (CheckSpec spec : suite.checkList()) {
      String where = "check " + spec.name();
      RuleKind kind = RuleKind.forType(spec.type(), where);
      boolean wildcard = "*".equals(spec.table());
      List<String> tables =
          wildcard ? checkpoint.tables() : List.of(spec.table().split("\\s*,\\s*"));
      for (String table : tables) {
        Optional<StructType> schema = Optional.ofNullable(schemas.get(table));
        List<String> cols = columns(spec, table, schema, suite.table(table), checkpoint);
        boolean perColumn =
            kind == RuleKind.ROW && !spec.type().equals("violation") && !spec.type().equals("phi-leak");
        if (perColumn) {
          for (String c : cols) {
            if (wildcard && schema.isPresent() && !List.of(schema.get().fieldNames()).contains(c)) {
              continue; // "every table" means every table that has the column
            }
            rules.add(rule(spec, kind, table, c, List.of(c), tables.size() > 1, cols.size() > 1));
          }
        } else {
          String single = cols.size() == 1 ? cols.get(0) : null;
          rules.add(rule(spec, kind, table, single, cols, tables.size() > 1, false));
        }
      }
    }
    return rules;
  }

  private static Rule rule(
      CheckSpec spec,
      RuleKind kind,
      String table,
      String column,
      List<String> cols,
      boolean manyTables,
      boolean manyColumns) {
    String name = spec.name();
    boolean templated = name.contains("{table}") || name.contains("{column}");
    name = name.replace("{table}", table).replace("{column}", column == null ? "" : column);
    if (!templated) {
      if (manyTables) {
        name = table + "." + name;
      }
      if (manyColumns) {
        name = name + "." + column;
      }
    }
    double threshold = spec.threshold() == null ? 0.0 : spec.threshold();
    Level level = Level.parse(spec.level() == null ? "error" : spec.level());
    Double min = spec.min();
    if (kind == RuleKind.SIZE) {
      min = (double) (spec.minRows() == null ? 1L : spec.minRows());
    }
    return new Rule(
        name,
        table,
        column,
        kind,
        spec.type(),
        KahnCategory.parse(spec.category()),
        spec.subcategory(),
        level,
        threshold,
        spec.description() == null ? "" : spec.description(),
        kind == RuleKind.ROW ? violation(spec, column) : null,
        spec.where(),
        cols,
        min,
        spec.max(),
        spec);
  }

  private static List<String> columns(
      CheckSpec spec, String table, Optional<StructType> schema, TableSpec tableSpec, Checkpoint cp) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String c : spec.columnList()) {
      switch (c) {
        case "*required" -> {
          StructType model = RawSchemas.BY_TABLE.get(table);
          if (model != null) {
            for (StructField f : model.fields()) {
              if (RawSchemas.isRequired(f)) {
                out.add(f.name());
              }
            }
          }
        }
        case "*ids" -> out.addAll(tableSpec.idList());
        case "*features" -> schema.ifPresent(s -> out.addAll(featureColumns(s)));
        default -> out.add(c);
      }
    }
    return new ArrayList<>(out);
  }

  /** Numeric columns other than row_id, label and split: the model's features. */
  static List<String> featureColumns(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      String n = f.name().toLowerCase(Locale.ROOT);
      if (!n.equals("row_id") && !n.equals("label") && !n.equals("split") && !n.startsWith("_")
          && f.dataType() instanceof NumericType) {
        out.add(f.name());
      }
    }
    return out;
  }

  static String violation(CheckSpec spec, String column) {
    String c = column == null ? null : ident(column);
    String where = "check " + spec.name();
    return switch (spec.type()) {
      case "violation" -> need(spec.violation(), where, "violation");
      case "complete" -> c + " IS NULL";
      case "pattern" ->
          c + " IS NOT NULL AND NOT (CAST(" + c + " AS STRING) RLIKE " + literal(need(spec.pattern(), where, "pattern")) + ")";
      case "no-match" ->
          c + " IS NOT NULL AND CAST(" + c + " AS STRING) RLIKE " + literal(need(spec.pattern(), where, "pattern"));
      case "in-set" -> c + " IS NOT NULL AND CAST(" + c + " AS STRING) NOT IN (" + literals(spec) + ")";
      case "not-in-set" -> c + " IS NOT NULL AND CAST(" + c + " AS STRING) IN (" + literals(spec) + ")";
      case "range" -> {
        List<String> parts = new ArrayList<>();
        if (spec.min() != null) {
          parts.add(c + " < " + spec.min());
        }
        if (spec.max() != null) {
          parts.add(c + " > " + spec.max());
        }
        if (parts.isEmpty()) {
          throw new UsageException(where + ": range needs min or max");
        }
        parts.add("isnan(CAST(" + c + " AS DOUBLE))");
        yield c + " IS NOT NULL AND (" + String.join(" OR ", parts) + ")";
      }
      case "finite" ->
          c + " IS NOT NULL AND (isnan(CAST(" + c + " AS DOUBLE)) OR abs(CAST(" + c
              + " AS DOUBLE)) = double('Infinity'))";
      case "phi-leak" -> ident(LEAK_FLAG);
      default -> throw new UsageException(where + ": type " + spec.type() + " is not a row check");
    };
  }

  private static String need(String v, String where, String field) {
    if (v == null || v.isBlank()) {
      throw new UsageException(where + ": " + field + " is required");
    }
    return v;
  }

  private static String literals(CheckSpec spec) {
    if (spec.values() == null || spec.values().isEmpty()) {
      throw new UsageException("check " + spec.name() + ": values is required");
    }
    return spec.values().stream().map(Rules::literal).collect(Collectors.joining(", "));
  }

  static String ident(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** A Spark SQL string literal (backslashes and quotes escaped). */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Whether {@code type} names a model type that {@code actual} satisfies. */
  static boolean sameType(DataType expected, DataType actual) {
    if (expected.equals(actual)) {
      return true;
    }
    // Integer widths are interchangeable for counts; timestamps without time zone are not UTC instants.
    return expected.equals(DataTypes.LongType) && actual.equals(DataTypes.IntegerType);
  }
}
