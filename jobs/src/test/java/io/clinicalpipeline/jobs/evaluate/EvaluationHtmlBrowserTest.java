package io.clinicalpipeline.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.common.testing.HeadlessChromium;
import io.clinicalpipeline.common.testing.Required;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * evaluation.html rendered by headless Chromium: every number on the page equals evaluation.json's, the
 * four charts are there, the page needs nothing from outside, and a screenshot lands in
 * {@code target/evaluate-browser/} as a build artifact.
 */
class EvaluationHtmlBrowserTest {

  private static final Pattern CELL = Pattern.compile("data-json=\"([^\"]+)\"[^>]*>([^<]*)<");

  static Path html;
  static JsonNode json;
  static HeadlessChromium chromium;

  @BeforeAll
  static void render() throws Exception {
    html = EvaluateFixtures.evaluated().resolve("evaluation/evaluation.html");
    json = EvaluateFixtures.evaluationJson();
    var found = HeadlessChromium.find();
    Required.that(found.isPresent(), HeadlessChromium.INSTALL);
    chromium = found.get();
  }

  @Test
  void renderedNumbers_equalEvaluationJson() throws Exception {
    String dom = chromium.dumpDom(html);
    Map<String, String> shown = new LinkedHashMap<>();
    Matcher m = CELL.matcher(dom);
    while (m.find()) {
      shown.put(m.group(1), m.group(2));
    }
    assertThat(shown).hasSizeGreaterThan(200);
    shown.forEach(
        (pointer, text) -> {
          JsonNode value = json.at(pointer);
          assertThat(value.isMissingNode()).as(pointer).isFalse();
          assertThat(text).as(pointer).isEqualTo(EvaluationHtml.format(value));
        });
    double auroc = json.at("/binary_classification_metrics/auc/value").asDouble();
    assertThat(shown.get("/clinical_pipeline_metrics/model/auroc/value"))
        .isEqualTo(String.format(Locale.ROOT, "%.4f", auroc));
    assertThat(shown).containsKey("/clinical_pipeline_metrics/comparison/delta_auroc/ci_lower");
    assertThat(shown.keySet()).anyMatch(k -> k.contains("/subgroups/"));
  }

  @Test
  void charts_areInlineSvgWithLines() throws Exception {
    String dom = chromium.dumpDom(html);
    for (String id : new String[] {"roc", "pr", "calibration", "decision"}) {
      Matcher svg = Pattern.compile("<svg id=\"chart-" + id + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
      assertThat(svg.find()).as(id).isTrue();
      assertThat(svg.group()).as(id).contains("<polyline");
    }
  }

  @Test
  void page_isSelfContained() throws Exception {
    String source = Files.readString(html);
    assertThat(source).doesNotContain("<script", "<link", "src=", "href=", "@import", "url(");
  }

  @Test
  void screenshot_isSavedAsBuildArtifact() throws Exception {
    Path png = Path.of("target", "evaluate-browser", "evaluation.png");
    Files.deleteIfExists(png);
    chromium.screenshot(html, png, 1280, 2400);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(10_000);
    assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }
}
