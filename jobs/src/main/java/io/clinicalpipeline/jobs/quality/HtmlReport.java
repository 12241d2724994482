package io.clinicalpipeline.jobs.quality;

import io.clinicalpipeline.common.quality.QualityStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS and SVG; no scripts, fonts or links to load). The top
 * says in ten seconds whether the data may be used: a verdict, the counts of failed errors and warnings,
 * and the failed checks by name. Then the trend of row counts across runs, then every check in a table
 * per Kahn category, failures first.
 */
final class HtmlReport {

  private HtmlReport() {}

  static String render(QualityReport r) {
    QualityReport.Summary s = r.summary();
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Data quality: ").append(esc(r.checkpoint())).append(" checkpoint</title>")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    String verdictClass =
        switch (r.verdict().orElse(QualityStatus.FAILED)) {
          case FAILED -> "bad";
          case PASSED_WITH_WARNINGS -> "warn";
          default -> "good";
        };
    String verdict =
        switch (r.verdict().orElse(QualityStatus.FAILED)) {
          case FAILED -> "Not fit for use: " + s.failedErrors() + " error check"
              + (s.failedErrors() == 1 ? "" : "s") + " failed";
          case PASSED_WITH_WARNINGS -> "Usable, with " + s.failedWarnings() + " warning"
              + (s.failedWarnings() == 1 ? "" : "s") + " to review";
          default -> "All checks passed";
        };
    h.append("<header class=\"").append(verdictClass).append("\"><h1>Data quality &middot; ")
        .append(esc(r.checkpoint())).append(" checkpoint</h1>")
        .append("<p class=\"verdict\" id=\"summary-status\" data-status=\"").append(esc(r.status())).append("\">")
        .append(esc(verdict)).append("</p>")
        .append("<p class=\"when\">Run ").append(esc(r.runTime())).append(" &middot; ")
        .append(r.tables().size()).append(" tables, ").append(String.format(Locale.ROOT, "%,d", s.rows()))
        .append(" rows</p></header>\n");

    h.append("<section class=\"tiles\" aria-label=\"summary\">");
    tile(h, "summary-failed-errors", s.failedErrors(), "failed errors", s.failedErrors() > 0 ? "bad" : "good");
    tile(h, "summary-failed-warnings", s.failedWarnings(), "failed warnings", s.failedWarnings() > 0 ? "warn" : "good");
    tile(h, "summary-passed", s.passed(), "passed", "good");
    tile(h, "summary-not-applicable", s.notApplicable(), "not applicable", "neutral");
    tile(h, "summary-anomalies", s.anomalies(), "anomalies", s.anomalies() > 0 ? "warn" : "good");
    tile(h, "summary-checks", s.checks(), "checks", "neutral");
    h.append("<span class=\"hidden\" id=\"summary-rows\">").append(s.rows()).append("</span>");
    h.append("</section>\n");

    List<CheckResult> failed = r.checks().stream().filter(CheckResult::failed).toList();
    if (!failed.isEmpty()) {
      h.append("<section><h2>What failed</h2><ul class=\"failed\">");
      for (CheckResult c : failed.stream().sorted((a, b) -> Boolean.compare(!a.isError(), !b.isError())).toList()) {
        h.append("<li><span class=\"badge ").append(c.isError() ? "bad" : "warn").append("\">")
            .append(esc(c.level())).append("</span> <b>").append(esc(c.name())).append("</b> &middot; ")
            .append(esc(c.category())).append(" &middot; ").append(esc(outcome(c))).append("</li>");
      }
      h.append("</ul></section>\n");
    }

    h.append("<section><h2>Rows per table across runs</h2>").append(trend(r)).append("</section>\n");

    for (KahnCategory cat : KahnCategory.values()) {
      List<CheckResult> rows =
          new ArrayList<>(r.checks().stream().filter(c -> c.category().equals(cat.label())).toList());
      rows.sort(
          (a, b) -> {
            int fa = a.failed() ? (a.isError() ? 0 : 1) : 2;
            int fb = b.failed() ? (b.isError() ? 0 : 1) : 2;
            return fa != fb ? Integer.compare(fa, fb) : a.name().compareTo(b.name());
          });
      long bad = rows.stream().filter(CheckResult::failed).count();
      h.append("<section><h2 id=\"category-").append(cat.label()).append("\">")
          .append(cat.label().substring(0, 1).toUpperCase(Locale.ROOT)).append(cat.label().substring(1))
          .append(" <small>").append(rows.size()).append(" checks, ").append(bad).append(" failed</small></h2>");
      h.append("<table><thead><tr><th>Check</th><th>Table</th><th>Level</th><th>Status</th>")
          .append("<th class=\"num\">Violating rows</th><th class=\"num\">Share</th><th>Threshold</th>")
          .append("<th>What it means</th></tr></thead><tbody>");
      for (CheckResult c : rows) {
        h.append("<tr class=\"").append(esc(c.status())).append("\"><td><code>").append(esc(c.name()))
            .append("</code>");
        if (c.evidence() != null) {
          h.append("<details><summary>").append(c.evidence().size())
              .append(c.evidence().size() == 1 ? " example row" : " example rows").append("</summary><ul>");
          for (Map<String, String> e : c.evidence()) {
            h.append("<li>");
            List<String> parts = new ArrayList<>();
            e.forEach((k, v) -> parts.add(esc(k) + " <code>" + esc(v) + "</code>"));
            h.append(String.join(", ", parts)).append("</li>");
          }
          h.append("</ul></details>");
        }
        h.append("</td><td>").append(esc(c.table())).append("</td><td><span class=\"badge ")
            .append(!c.failed() ? "lvl" : c.isError() ? "bad" : "warn").append("\">").append(esc(c.level())).append("</span></td><td>")
            .append(esc(c.status())).append("</td><td class=\"num\">")
            .append(c.violatingRows() == null ? "" : String.format(Locale.ROOT, "%,d", c.violatingRows()))
            .append("</td><td class=\"num\">").append(c.violatingShare() == null ? "" : pct(c.violatingShare()))
            .append("</td><td>").append(esc(c.threshold())).append("</td><td>").append(esc(c.description()));
        if (c.note() != null) {
          h.append("<div class=\"note\">").append(esc(c.note())).append("</div>");
        }
        h.append("</td></tr>");
      }
      h.append("</tbody></table></section>\n");
    }
    h.append("<footer>Checks are grouped by the Kahn framework (conformance, completeness, plausibility). ")
        .append("Example rows are identified by pseudonyms only. Full results: report.json.</footer>")
        .append("</body></html>\n");
    return h.toString();
  }

  private static void tile(StringBuilder h, String id, long n, String label, String cls) {
    h.append("<div class=\"tile ").append(cls).append("\"><span class=\"n\" id=\"").append(id).append("\">")
        .append(n).append("</span><span class=\"l\">").append(label).append("</span></div>");
  }

  private static String outcome(CheckResult c) {
    if (c.violatingRows() != null && c.violatingShare() != null) {
      return String.format(Locale.ROOT, "%,d of %,d rows (%s); allowed: %s", c.violatingRows(),
          c.applicableRows(), pct(c.violatingShare()), c.threshold());
    }
    if (c.note() != null) {
      return c.note();
    }
    return c.metricValue() == null ? c.threshold() : c.metric() + " " + num(c.metricValue()) + ", expected " + c.threshold();
  }

  /** An inline SVG: one sparkline per table of its row count over the runs in the report's history. */
  static String trend(QualityReport r) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String t : r.tables().keySet()) {
      List<Double> values = new ArrayList<>();
      for (HistoryRun run : r.history()) {
        values.add(run.metrics().get("size." + t));
      }
      series.put(t, values);
    }
    int runs = r.history().size();
    int rowH = 34;
    int labelW = 130;
    int plotW = 440;
    int valueW = 110;
    int width = labelW + plotW + valueW;
    int height = Math.max(1, series.size()) * rowH + 24;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg id=\"trend\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\"><title>Row counts per table over the last ").append(runs).append(" runs</title>");
    int i = 0;
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      int y0 = i * rowH + 4;
      svg.append("<text x=\"0\" y=\"").append(y0 + rowH / 2 + 4).append("\" class=\"lbl\">").append(esc(e.getKey()))
          .append("</text>");
      svg.append("<line x1=\"").append(labelW).append("\" x2=\"").append(labelW + plotW).append("\" y1=\"")
          .append(y0 + rowH - 6).append("\" y2=\"").append(y0 + rowH - 6).append("\" class=\"axis\"/>");
      List<Double> v = e.getValue();
      double max = v.stream().filter(x -> x != null).mapToDouble(Double::doubleValue).max().orElse(0);
      StringBuilder pts = new StringBuilder();
      for (int k = 0; k < v.size(); k++) {
        if (v.get(k) == null) {
          continue;
        }
        double x = labelW + (v.size() == 1 ? plotW / 2.0 : k * (plotW - 8.0) / (v.size() - 1) + 4);
        double y = y0 + rowH - 8 - (max <= 0 ? 0 : v.get(k) / max * (rowH - 14));
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        boolean last = k == v.size() - 1;
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" class=\"%s\"/>", x, y,
            last ? "3.5" : "2", last && anomalous(r, e.getKey()) ? "anomaly" : "pt"));
      }
      svg.append("<polyline points=\"").append(pts.toString().strip()).append("\" class=\"line\"/>");
      Double now = v.isEmpty() ? null : v.get(v.size() - 1);
      svg.append("<text x=\"").append(labelW + plotW + 8).append("\" y=\"").append(y0 + rowH / 2 + 4)
          .append("\" class=\"val\">").append(now == null ? "" : String.format(Locale.ROOT, "%,d", now.longValue()))
          .append("</text>");
      i++;
    }
    svg.append("<text x=\"").append(labelW).append("\" y=\"").append(height - 4).append("\" class=\"cap\">")
        .append(runs == 1 ? "first run: the chart fills in as runs accumulate" : runs + " runs, oldest left; red: anomaly")
        .append("</text></svg>");
    return svg.toString();
  }

  private static boolean anomalous(QualityReport r, String table) {
    return r.checks().stream()
        .anyMatch(c -> c.failed() && ("anomaly.size." + table).equals(c.name()));
  }

  private static String pct(double share) {
    return share == 0 ? "0%" : share < 0.0001 ? "<0.01%" : String.format(Locale.ROOT, "%.2f%%", share * 100);
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:0;color:#1d2433;"
          + "background:#f6f7f9}header{padding:18px 28px;color:#fff}header.good{background:#1f7a4d}"
          + "header.warn{background:#a36a00}header.bad{background:#b3261e}h1{margin:0;font-size:20px;font-weight:600}"
          + ".verdict{font-size:26px;font-weight:700;margin:6px 0 2px}.when{margin:0;opacity:.9}"
          + "section{margin:18px 28px}h2{font-size:17px;margin:0 0 8px}h2 small{font-weight:400;color:#5b6475}"
          + ".tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{background:#fff;border-radius:8px;padding:10px 16px;"
          + "min-width:110px;box-shadow:0 1px 2px rgba(0,0,0,.12);border-top:4px solid #8a93a3}"
          + ".tile.bad{border-color:#b3261e}.tile.warn{border-color:#c98a00}.tile.good{border-color:#1f7a4d}"
          + ".tile .n{display:block;font-size:28px;font-weight:700}.tile .l{color:#5b6475}.hidden{display:none}"
          + "ul.failed{background:#fff;border-radius:8px;padding:10px 28px;margin:0}"
          + "table{border-collapse:collapse;width:100%;background:#fff;border-radius:8px;overflow:hidden}"
          + "th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e6e8ec;vertical-align:top}"
          + "th{background:#eef0f4;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
          + "tr.failed td{background:#fdf1f0}tr.not-applicable td{color:#6b7280}"
          + ".badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;color:#fff}"
          + ".badge.bad{background:#b3261e}.badge.warn{background:#a36a00}.badge.lvl{background:#8a93a3}.note{color:#5b6475;font-size:12px}"
          + "code{font-size:12px}details summary{cursor:pointer;color:#3b5bdb;font-size:12px}"
          + "svg{background:#fff;border-radius:8px;padding:8px}svg .lbl,svg .val{font-size:12px;fill:#1d2433}"
          + "svg .cap{font-size:11px;fill:#5b6475}svg .axis{stroke:#d5d9e0}"
          + "svg .line{fill:none;stroke:#3b5bdb;stroke-width:2}svg .pt{fill:#3b5bdb}svg .anomaly{fill:#b3261e}"
          + "footer{margin:18px 28px 28px;color:#5b6475;font-size:12px}";
}
