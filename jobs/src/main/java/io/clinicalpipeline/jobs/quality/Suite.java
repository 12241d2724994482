package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clinicalpipeline.common.JobRunner.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A check suite: data, not code. The defaults for each checkpoint ship as
 * {@code suites/<checkpoint>.yaml} next to this class; a user file given with {@code --suite} is merged
 * over them: its checks replace default checks of the same name and add new ones, {@code disable} drops
 * default checks by name, its {@code tables} entries replace those of the same table, and its
 * {@code anomalies} (when given) replace the default ones. {@code replace: true} ignores the defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suite(
    @JsonProperty("checkpoint") String checkpoint,
    @JsonProperty("replace") Boolean replace,
    @JsonProperty("evidence-rows") Integer evidenceRows,
    @JsonProperty("history-runs") Integer historyRuns,
    @JsonProperty("tables") Map<String, TableSpec> tables,
    @JsonProperty("checks") List<CheckSpec> checks,
    @JsonProperty("disable") List<String> disable,
    @JsonProperty("anomalies") List<AnomalySpec> anomalies) {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static final int DEFAULT_EVIDENCE_ROWS = 5;
  public static final int DEFAULT_HISTORY_RUNS = 30;

  /** The suite shipped for {@code checkpoint}. */
  public static Suite defaults(Checkpoint checkpoint) {
    String resource = "suites/" + checkpoint.label() + ".yaml";
    try (InputStream in = Suite.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("default suite missing from the jar: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Parses suite YAML; {@code source} names it in error messages. */
  public static Suite parse(String yaml, String source) {
    Suite s;
    try {
      s = YAML.readValue(yaml, Suite.class);
    } catch (IOException e) {
      throw new UsageException("suite " + source + " is not valid: " + firstLine(e.getMessage()));
    }
    if (s == null) {
      throw new UsageException("suite " + source + " is empty");
    }
    s.validate(source);
    return s;
  }

  /** This suite with {@code override} merged over it (see the class comment). */
  public Suite merge(Suite override) {
    if (override == null) {
      return this;
    }
    if (Boolean.TRUE.equals(override.replace)) {
      return override;
    }
    Map<String, TableSpec> t = new LinkedHashMap<>(tableMap());
    t.putAll(override.tableMap());
    Set<String> dropped = new HashSet<>(override.disableList());
    Map<String, CheckSpec> byName = new LinkedHashMap<>();
    for (CheckSpec c : checkList()) {
      if (!dropped.contains(c.name())) {
        byName.put(c.name(), c);
      }
    }
    for (CheckSpec c : override.checkList()) {
      byName.put(c.name(), c);
    }
    return new Suite(
        checkpoint,
        false,
        override.evidenceRows != null ? override.evidenceRows : evidenceRows,
        override.historyRuns != null ? override.historyRuns : historyRuns,
        t,
        new ArrayList<>(byName.values()),
        List.of(),
        override.anomalies != null ? override.anomalies : anomalies);
  }

  /**
   * This suite with {@code ${name}} in every check's {@code violation} and {@code where} expression
   * replaced by {@code parameters.get(name)}. The job supplies {@code reference_year}: the year the
   * de-identification took ages at (recorded in its manifest), else the current year.
   */
  public Suite withParameters(Map<String, String> parameters) {
    List<CheckSpec> out = new ArrayList<>();
    for (CheckSpec c : checkList()) {
      out.add(
          new CheckSpec(c.name(), c.table(), c.type(), c.category(), c.subcategory(), c.level(), c.threshold(),
              c.description(), c.column(), c.columns(), substitute(c.violation(), parameters, c.name()),
              substitute(c.where(), parameters, c.name()), c.pattern(), c.values(), c.min(), c.max(), c.minRows(),
              c.expect(), c.forbid()));
    }
    return new Suite(checkpoint, replace, evidenceRows, historyRuns, tables, out, disable, anomalies);
  }

  private static String substitute(String expression, Map<String, String> parameters, String check) {
    if (expression == null || !expression.contains("${")) {
      return expression;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}").matcher(expression);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = parameters.get(m.group(1));
      if (value == null) {
        throw new UsageException(
            "check " + check + ": unknown parameter ${" + m.group(1) + "} (known: " + new java.util.TreeSet<>(parameters.keySet()) + ")");
      }
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  public Map<String, TableSpec> tableMap() {
    return tables == null ? Map.of() : tables;
  }

  public TableSpec table(String name) {
    return tableMap().getOrDefault(name, new TableSpec(null, null, null));
  }

  public List<CheckSpec> checkList() {
    return checks == null ? List.of() : checks;
  }

  public List<String> disableList() {
    return disable == null ? List.of() : disable;
  }

  public List<AnomalySpec> anomalyList() {
    return anomalies == null ? List.of() : anomalies;
  }

  public int evidenceRowCount() {
    return evidenceRows == null ? DEFAULT_EVIDENCE_ROWS : evidenceRows;
  }

  public int historyRunCount() {
    return historyRuns == null ? DEFAULT_HISTORY_RUNS : historyRuns;
  }

  private void validate(String source) {
    Set<String> names = new HashSet<>();
    for (CheckSpec c : checkList()) {
      String where = "suite " + source + ": check " + (c.name() == null ? "(unnamed)" : c.name());
      if (c.name() == null || c.name().isBlank()) {
        throw new UsageException("suite " + source + ": every check needs a name");
      }
      if (!names.add(c.name())) {
        throw new UsageException(where + " is defined twice");
      }
      require(c.table(), where, "table");
      require(c.type(), where, "type");
      require(c.category(), where, "category");
      try {
        KahnCategory.parse(c.category());
        Level.parse(c.level() == null ? "error" : c.level());
      } catch (IllegalArgumentException e) {
        throw new UsageException(where + ": " + e.getMessage());
      }
      if (c.threshold() != null && (c.threshold() < 0 || c.threshold() > 1)) {
        throw new UsageException(where + ": threshold must be a share between 0 and 1: " + c.threshold());
      }
      RuleKind.forType(c.type(), where);
    }
    for (AnomalySpec a : anomalyList()) {
      String where = "suite " + source + ": anomaly on " + a.metric();
      require(a.metric(), where, "metric");
      require(a.table(), where, "table");
      require(a.strategy(), where, "strategy");
      if (!List.of("size", "completeness", "mean").contains(a.metric())) {
        throw new UsageException(where + ": metric must be size, completeness or mean: " + a.metric());
      }
      if (!a.metric().equals("size") && a.column() == null) {
        throw new UsageException(where + ": column is required for " + a.metric());
      }
      AnomalyDetection.strategy(a, where);
    }
  }

  private static void require(String value, String where, String field) {
    if (value == null || value.isBlank()) {
      throw new UsageException(where + ": " + field + " is required");
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
