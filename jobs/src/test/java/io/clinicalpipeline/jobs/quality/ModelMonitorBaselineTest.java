package io.clinicalpipeline.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.Required;
import io.clinicalpipeline.common.testing.SharedReference;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * statistics.json and constraints.json have Model Monitor's field names and nesting: their JSON paths are
 * compared with the layout in model-monitor-layout.txt, which is derived from the Model Monitor examples.
 * When those examples are at hand (the shared reference folder beside the checkout, or the folder that
 * {@code SAGEMAKER_REFERENCE_FORMATS} names) the layout file itself is checked against them.
 */
class ModelMonitorBaselineTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static Map<String, Set<String>> layout;
  static JsonNode statistics;
  static JsonNode constraints;

  @BeforeAll
  static void baseline() throws Exception {
    layout = readLayout();
    Dataset<Row> train =
        SparkTestSession.get()
            .range(50)
            .selectExpr(
                "concat('ex-', id) AS row_id", "CAST(id % 4 = 0 AS INT) AS label", "CAST(20 + id AS DOUBLE) AS f_age",
                "IF(id % 10 = 0, NULL, CAST(id % 7 AS DOUBLE)) AS f_visits", "IF(id % 2 = 0, 'F', 'M') AS f_sex",
                "'train' AS split");
    ModelMonitorBaseline b = ModelMonitorBaseline.of(train);
    statistics = JSON.readTree(b.statisticsJson());
    constraints = JSON.readTree(b.constraintsJson());
  }

  @Test
  void statistics_hasModelMonitorsLayout() {
    assertThat(top(statistics)).isEqualTo(layout.get("statistics"));
    for (JsonNode f : statistics.get("features")) {
      String kind = f.has("numerical_statistics") ? "numerical-feature" : "string-feature";
      assertThat(paths(f)).as(f.get("name").asText()).isEqualTo(layout.get("statistics." + kind));
    }
  }

  @Test
  void constraints_hasModelMonitorsLayout() {
    assertThat(top(constraints)).isEqualTo(layout.get("constraints"));
    for (JsonNode f : constraints.get("features")) {
      String kind = f.has("num_constraints") ? "numerical-feature" : "string-feature";
      assertThat(paths(f)).as(f.get("name").asText()).isEqualTo(layout.get("constraints." + kind));
    }
  }

  @Test
  void statistics_describeTheTrainingRows() {
    assertThat(statistics.at("/dataset/item_count").asLong()).isEqualTo(50);
    assertThat(statistics.get("features")).extracting(f -> f.get("name").asText())
        .containsExactly("label", "f_age", "f_visits", "f_sex");
    JsonNode visits = statistics.get("features").get(2);
    assertThat(visits.get("inferred_type").asText()).isEqualTo("Fractional");
    assertThat(visits.at("/numerical_statistics/common/num_missing").asLong()).isEqualTo(5);
    assertThat(visits.at("/numerical_statistics/common/num_present").asLong()).isEqualTo(45);
    long bucketed = 0;
    for (JsonNode b : visits.at("/numerical_statistics/distribution/kll/buckets")) {
      bucketed += b.get("count").asLong();
    }
    assertThat(bucketed).isEqualTo(45);
    assertThat(statistics.get("features").get(0).get("inferred_type").asText()).isEqualTo("Integral");
    assertThat(constraints.get("features").get(3).at("/string_constraints/domains"))
        .extracting(JsonNode::asText).containsExactlyInAnyOrder("F", "M");
  }

  @Test
  void layoutFile_matchesTheModelMonitorExamples_whenTheyAreAtHand() throws Exception {
    String env = System.getenv("SAGEMAKER_REFERENCE_FORMATS");
    Path dir = env != null ? Path.of(env) : SharedReference.find("sagemaker-reference/formats");
    Required.that(Files.isDirectory(dir), "the Model Monitor examples, " + dir);
    JsonNode st = JSON.readTree(dir.resolve("quality_check_step__data_quality__statistics.json").toFile());
    JsonNode mst = JSON.readTree(dir.resolve("monitor__statistics.json").toFile());
    JsonNode gc = JSON.readTree(dir.resolve("quality_check_step__data_quality__good_cases__constraints.json").toFile());
    JsonNode mc = JSON.readTree(dir.resolve("monitor__constraints.json").toFile());
    Set<String> statTop = new TreeSet<>(top(st));
    statTop.addAll(top(mst));
    assertThat(layout.get("statistics")).isEqualTo(statTop);
    assertThat(layout.get("statistics.numerical-feature")).isEqualTo(paths(st.get("features").get(0)));
    assertThat(layout.get("statistics.string-feature")).isEqualTo(paths(mst.get("features").get(0)));
    assertThat(layout.get("constraints")).isEqualTo(top(gc));
    assertThat(layout.get("constraints.numerical-feature")).isEqualTo(paths(gc.get("features").get(0)));
    assertThat(layout.get("constraints.string-feature")).isEqualTo(paths(mc.get("features").get(1)));
  }

  static Map<String, Set<String>> readLayout() throws Exception {
    Map<String, Set<String>> out = new TreeMap<>();
    try (InputStream in = ModelMonitorBaselineTest.class.getResourceAsStream("model-monitor-layout.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.strip().split(" ", 2);
        out.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
      }
    }
    return out;
  }

  static Set<String> top(JsonNode doc) {
    Set<String> out = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("features")) {
        out.add("features[]");
      } else {
        walk(e.getValue(), e.getKey(), out);
      }
    }
    return out;
  }

  static Set<String> paths(JsonNode node) {
    Set<String> out = new TreeSet<>();
    walk(node, "", out);
    return out;
  }

  private static void walk(JsonNode node, String prefix, Set<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
      }
    } else if (node.isArray()) {
      boolean objects = node.size() > 0;
      for (JsonNode e : node) {
        objects &= e.isObject();
      }
      if (objects) {
        for (JsonNode e : node) {
          walk(e, prefix + "[]", out);
        }
      } else {
        out.add(prefix + "[]");
      }
    } else {
      out.add(prefix);
    }
  }
}
