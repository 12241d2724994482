package io.clinicalpipeline.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * evaluation.html: one self-contained page (no scripts, no external resources) rendered from the
 * evaluation.json tree, so the page cannot disagree with the file. Every number shown carries a
 * {@code data-json} attribute with the JSON pointer it was read from and is formatted by {@link #format}.
 * Charts are inline SVG: ROC, precision-recall, calibration, decision curve.
 */
final class EvaluationHtml {

  private static final String EXTRA = "/" + EvaluationJson.EXTRA_BLOCK;
  private static final String[] MODELS = {"model", "baseline"};
  private static final String RAW = EvaluateJob.MODEL_RAW;
  private static final String[] COLORS = {"#1b6ca8", "#c0392b"};
  private static final int W = 360;
  private static final int H = 300;
  private static final int PAD = 44;

  private EvaluationHtml() {}

  /** How a number of evaluation.json is shown: integers as they are, reals to 4 decimals, NaN as n/a. */
  static String format(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull() || (v.isTextual() && "NaN".equals(v.asText()))) {
      return "n/a";
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    if (v.isNumber()) {
      return String.format(Locale.ROOT, "%.4f", v.doubleValue());
    }
    return escape(v.asText());
  }

  static String render(JsonNode root) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Model evaluation</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;")
        .append("text-align:right;font-size:13px}th{background:#f2f2f2}td.l,th.l{text-align:left}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-size:13px}")
        .append("svg text{font-size:11px}</style></head><body>\n");
    h.append("<h1>Model evaluation on the test split</h1>\n");
    h.append("<p>Rows: <span data-json=\"").append(EXTRA).append("/model/n\">")
        .append(format(root.at(EXTRA + "/model/n"))).append("</span>, positives: <span data-json=\"")
        .append(EXTRA).append("/model/positives\">").append(format(root.at(EXTRA + "/model/positives")))
        .append("</span>. Intervals: 95% Poisson bootstrap, <span data-json=\"").append(EXTRA)
        .append("/settings/bootstrap/replicates\">")
        .append(format(root.at(EXTRA + "/settings/bootstrap/replicates"))).append("</span> replicates.</p>\n");
    summary(h, root);
    charts(h, root);
    thresholds(h, root);
    reliability(h, root);
    subgroups(h, root);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, JsonNode root) {
    h.append("<h2>Discrimination and calibration</h2>\n<table id=\"summary\"><tr><th class=\"l\">metric</th>");
    for (String m : withRaw(root)) {
      h.append("<th>").append(m.equals(RAW) ? "model before calibration" : m).append("</th>");
    }
    h.append("</tr>\n");
    String[][] rows = {
      {"AUROC", "/auroc/value"}, {"AUROC 95% lower", "/auroc/ci_lower"}, {"AUROC 95% upper", "/auroc/ci_upper"},
      {"AUPRC (average precision)", "/average_precision/value"},
      {"AUPRC 95% lower", "/average_precision/ci_lower"}, {"AUPRC 95% upper", "/average_precision/ci_upper"},
      {"Brier", "/brier"}, {"Scaled Brier", "/scaled_brier"}, {"Log loss", "/log_loss"},
      {"Observed / expected", "/observed_expected"},
      {"Calibration-in-the-large", "/calibration/in_the_large"},
      {"Calibration intercept", "/calibration/intercept"}, {"Calibration slope", "/calibration/slope"},
      {"ICI", "/calibration/ici"}, {"E50", "/calibration/e50"}, {"E90", "/calibration/e90"},
      {"Emax", "/calibration/emax"},
      {"Youden threshold", "/youden/threshold"}, {"Youden J", "/youden/j"},
    };
    for (String[] r : rows) {
      h.append("<tr><td class=\"l\">").append(r[0]).append("</td>");
      for (String m : withRaw(root)) {
        cell(h, root, EXTRA + "/" + m + r[1]);
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n<p>AUROC model minus baseline (paired bootstrap): ");
    for (String f : new String[] {"value", "ci_lower", "ci_upper"}) {
      String p = EXTRA + "/comparison/delta_auroc/" + f;
      h.append(f.equals("value") ? "" : f.equals("ci_lower") ? " (95% " : " to ")
          .append("<span data-json=\"").append(p).append("\">").append(format(root.at(p))).append("</span>");
    }
    h.append(")</p>\n");
    if (!root.at(EXTRA + "/" + RAW).isMissingNode()) {
      h.append("<p>The model's scores are calibrated on the validation split (<code>model/calibrator.json</code>);")
          .append(" the column <i>model before calibration</i> shows its raw scores on the same rows.</p>\n");
    }
  }

  /** The models of the report, with the model's raw scores after it when the report has them. */
  private static List<String> withRaw(JsonNode root) {
    List<String> models = new ArrayList<>(List.of(MODELS));
    if (!root.at(EXTRA + "/" + RAW).isMissingNode()) {
      models.add(1, RAW);
    }
    return models;
  }

  private static void thresholds(StringBuilder h, JsonNode root) {
    h.append("<h2>Operating points</h2>\n<table id=\"thresholds\"><tr><th class=\"l\">model</th>")
        .append("<th>threshold</th><th>TP</th><th>FP</th><th>TN</th><th>FN</th><th>sensitivity</th>")
        .append("<th>specificity</th><th>PPV</th><th>NPV</th><th>F1</th><th>net benefit</th></tr>\n");
    String[] fields = {"threshold", "tp", "fp", "tn", "fn", "sensitivity", "specificity", "ppv", "npv", "f1", "net_benefit"};
    for (String m : MODELS) {
      List<String> pointers = new ArrayList<>();
      JsonNode list = root.at(EXTRA + "/" + m + "/thresholds");
      for (int i = 0; i < list.size(); i++) {
        pointers.add(EXTRA + "/" + m + "/thresholds/" + i);
      }
      pointers.add(EXTRA + "/" + m + "/youden");
      for (String p : pointers) {
        h.append("<tr><td class=\"l\">").append(m).append(p.endsWith("youden") ? " (Youden)" : "").append("</td>");
        for (String f : fields) {
          cell(h, root, p + "/" + f);
        }
        h.append("</tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void reliability(StringBuilder h, JsonNode root) {
    h.append("<h2>Reliability (10 bins)</h2>\n<table id=\"reliability\"><tr><th class=\"l\">model</th>")
        .append("<th>bin</th><th>n</th><th>positives</th><th>mean predicted</th><th>observed</th></tr>\n");
    for (String m : withRaw(root)) {
      JsonNode bins = root.at(EXTRA + "/" + m + "/reliability");
      for (int i = 0; i < bins.size(); i++) {
        String p = EXTRA + "/" + m + "/reliability/" + i;
        h.append("<tr><td class=\"l\">").append(m).append("</td><td>")
            .append(format(bins.get(i).get("bin_lower"))).append("&ndash;")
            .append(format(bins.get(i).get("bin_upper"))).append("</td>");
        for (String f : new String[] {"n", "positives", "mean_predicted", "observed"}) {
          cell(h, root, p + "/" + f);
        }
        h.append("</tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void subgroups(StringBuilder h, JsonNode root) {
    h.append("<h2>Subgroups</h2>\n<p>Gaps are the subgroup's value minus the whole test set's.</p>\n")
        .append("<table id=\"subgroups\"><tr><th class=\"l\">model</th><th class=\"l\">attribute</th>")
        .append("<th class=\"l\">level</th><th>n</th><th>positives</th><th>AUROC</th><th>AUROC gap</th>")
        .append("<th>AUPRC</th><th>Brier</th><th>O/E</th><th>cal. in the large</th><th>CITL gap</th>")
        .append("<th>cal. slope</th><th>slope gap</th><th>ICI</th></tr>\n");
    String[] fields = {
      "n", "positives", "auroc", "auroc_gap", "average_precision", "brier", "observed_expected",
      "calibration_in_the_large", "calibration_in_the_large_gap", "calibration_slope", "calibration_slope_gap", "ici"
    };
    for (String m : MODELS) {
      JsonNode groups = root.at(EXTRA + "/" + m + "/subgroups");
      for (int i = 0; i < groups.size(); i++) {
        String p = EXTRA + "/" + m + "/subgroups/" + i;
        h.append("<tr><td class=\"l\">").append(m).append("</td><td class=\"l\">")
            .append(escape(groups.get(i).get("attribute").asText())).append("</td><td class=\"l\">")
            .append(escape(groups.get(i).get("level").asText())).append("</td>");
        for (String f : fields) {
          cell(h, root, p + "/" + f);
        }
        h.append("</tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void charts(StringBuilder h, JsonNode root) {
    List<List<double[]>> roc = new ArrayList<>();
    List<List<double[]>> pr = new ArrayList<>();
    List<List<double[]>> cal = new ArrayList<>();
    List<List<double[]>> dc = new ArrayList<>();
    List<double[]> treatAll = new ArrayList<>();
    double dcMax = 0.05;
    for (String m : MODELS) {
      JsonNode b = root.at(EXTRA + "/" + m);
      double p = b.get("positives").asDouble();
      double n = b.get("n").asDouble() - p;
      List<double[]> r = new ArrayList<>();
      List<double[]> q = new ArrayList<>();
      r.add(new double[] {0, 0});
      q.add(new double[] {0, 1});
      JsonNode tp = b.at("/curves/true_positives");
      JsonNode fp = b.at("/curves/false_positives");
      for (int i = 0; i < tp.size(); i++) {
        double t = tp.get(i).asDouble();
        double f = fp.get(i).asDouble();
        r.add(new double[] {f / n, t / p});
        q.add(new double[] {t / p, t / (t + f)});
      }
      roc.add(r);
      pr.add(q);
      List<double[]> c = new ArrayList<>();
      double a = EvaluationJson.read(b.at("/calibration/intercept"));
      double s = EvaluationJson.read(b.at("/calibration/slope"));
      if (Double.isFinite(a) && Double.isFinite(s)) {
        for (int i = 1; i < 100; i++) {
          double x = i / 100.0;
          c.add(new double[] {x, Calibration.sigmoid(a + s * Calibration.logit(x))});
        }
      }
      cal.add(c);
      List<double[]> d = new ArrayList<>();
      treatAll.clear();
      for (JsonNode x : b.get("decision_curve")) {
        double t = x.get("threshold").asDouble();
        double nb = EvaluationJson.read(x.get("net_benefit"));
        d.add(new double[] {t, nb});
        treatAll.add(new double[] {t, EvaluationJson.read(x.get("treat_all"))});
        dcMax = Math.max(dcMax, nb);
      }
      dc.add(d);
    }
    h.append("<div class=\"charts\">\n");
    Chart rocChart = new Chart("roc", "ROC curve", "false positive rate", "true positive rate", 0, 1, 0, 1);
    rocChart.line(List.of(new double[] {0, 0}, new double[] {1, 1}), "#999", true);
    Chart prChart = new Chart("pr", "Precision-recall curve", "recall", "precision", 0, 1, 0, 1);
    Chart calChart = new Chart("calibration", "Calibration", "predicted risk", "observed risk", 0, 1, 0, 1);
    calChart.line(List.of(new double[] {0, 0}, new double[] {1, 1}), "#999", true);
    double lo = -dcMax / 4;
    double xMax = treatAll.isEmpty() ? 1 : treatAll.get(treatAll.size() - 1)[0];
    Chart dcChart = new Chart("decision", "Decision curve", "threshold probability", "net benefit", 0, xMax, lo, dcMax);
    dcChart.line(clip(treatAll, lo), "#777", true);
    dcChart.line(List.of(new double[] {0, 0}, new double[] {xMax, 0}), "#333", false);
    for (int i = 0; i < MODELS.length; i++) {
      rocChart.line(roc.get(i), COLORS[i], false);
      prChart.line(pr.get(i), COLORS[i], false);
      calChart.line(cal.get(i), COLORS[i], false);
      for (JsonNode x : root.at(EXTRA + "/" + MODELS[i] + "/reliability")) {
        if (x.get("n").asLong() > 0) {
          calChart.dot(x.get("mean_predicted").asDouble(), x.get("observed").asDouble(), COLORS[i]);
        }
      }
      dcChart.line(clip(dc.get(i), lo), COLORS[i], false);
    }
    for (Chart c : new Chart[] {rocChart, prChart, calChart, dcChart}) {
      h.append(c.svg());
    }
    h.append("</div>\n<p>Lines: <span style=\"color:").append(COLORS[0]).append("\">model</span>, ")
        .append("<span style=\"color:").append(COLORS[1]).append("\">baseline</span>; dashed grey: ")
        .append("chance / perfect calibration / treat all; dots: reliability bins; solid grey: treat none.</p>\n");
  }

  private static List<double[]> clip(List<double[]> points, double lo) {
    return points.stream().filter(p -> Double.isFinite(p[1])).map(p -> new double[] {p[0], Math.max(lo, p[1])}).toList();
  }

  private static void cell(StringBuilder h, JsonNode root, String pointer) {
    h.append("<td data-json=\"").append(pointer).append("\">").append(format(root.at(pointer))).append("</td>");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** One SVG chart with linear axes. */
  private static final class Chart {
    private final String id;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final StringBuilder body = new StringBuilder();

    Chart(String id, String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1) {
      this.id = id;
      this.title = title;
      this.xLabel = xLabel;
      this.yLabel = yLabel;
      this.x0 = x0;
      this.x1 = x1;
      this.y0 = y0;
      this.y1 = y1;
    }

    double px(double x) {
      return PAD + (x - x0) / (x1 - x0) * (W - PAD - 10);
    }

    double py(double y) {
      return H - PAD - (y - y0) / (y1 - y0) * (H - PAD - 10);
    }

    void line(List<double[]> points, String color, boolean dashed) {
      if (points.isEmpty()) {
        return;
      }
      body.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\"")
          .append(dashed ? " stroke-dasharray=\"4 3\"" : "").append(" points=\"");
      for (double[] p : points) {
        body.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(p[0]), py(p[1])));
      }
      body.append("\"/>\n");
    }

    void dot(double x, double y, String color) {
      body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px(x), py(y), color));
    }

    String svg() {
      StringBuilder s = new StringBuilder();
      s.append("<figure><svg id=\"chart-").append(id).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
          .append(W).append("\" height=\"").append(H).append("\" role=\"img\" aria-label=\"").append(title)
          .append("\">\n");
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
          PAD, W - PAD - 10, H - PAD - 10));
      for (int i = 0; i <= 4; i++) {
        double x = x0 + (x1 - x0) * i / 4;
        double y = y0 + (y1 - y0) * i / 4;
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n", px(x), H - PAD + 14, x));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", PAD - 4, py(y) + 4, y));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (W + PAD) / 2, H - 8, xLabel));
      s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">%s</text>%n",
          H / 2, H / 2, yLabel));
      s.append(body);
      s.append("</svg><figcaption>").append(title).append("</figcaption></figure>\n");
      return s.toString();
    }
  }
}
