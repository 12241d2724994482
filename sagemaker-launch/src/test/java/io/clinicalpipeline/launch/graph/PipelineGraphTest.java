package io.clinicalpipeline.launch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.launch.config.PipelineConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineGraphTest {

  private static final PipelineGraph GRAPH = PipelineGraph.of(PipelineConfig.parse("t.yaml",
      "deid:\n  date-policy: safe-harbor\nfeatures:\n  task: task.yaml\nevaluation:\n  min-auc: 0.8\n"));

  @Test
  void steps_inDependencyOrder() {
    assertThat(GRAPH.steps()).extracting(Step::name).containsExactly("ingest", "quality-raw", "deidentify",
        "quality-deid", "features", "quality-features", "train", "evaluate", "condition", "register");
  }

  @Test
  void downstreamOfFeatures_isFeaturesAndEverythingAfter() {
    assertThat(GRAPH.downstream("features"))
        .containsExactly("features", "quality-features", "train", "evaluate", "condition", "register");
    assertThat(GRAPH.downstream("quality-raw")).containsExactly("quality-raw");
  }

  @Test
  void jobArgs_renderedFromTypedOptions() {
    Locator l = new Locator() {
      public String input(String name) { return "IN/" + name; }
      public String output(String artifact) { return "OUT/" + artifact; }
      public Optional<String> file(String role, Optional<String> p) { return p.map(x -> "F/" + x); }
      public Optional<String> qualityHistory() { return Optional.of("H"); }
      public boolean demoKey() { return true; }
    };
    assertThat(GRAPH.step("deidentify").jobArgs(l).orElseThrow().toArgs())
        .containsExactly("--input", "IN/raw", "--output", "OUT/deid", "--date-policy", "safe-harbor", "--demo-key");
    assertThat(GRAPH.step("features").jobArgs(l).orElseThrow().toArgs())
        .containsExactly("--input", "IN/deid", "--output", "OUT/features", "--task", "F/task.yaml");
    assertThat(GRAPH.step("quality-deid").jobArgs(l).orElseThrow().toArgs()).containsExactly(
        "--checkpoint", "deid", "--input", "IN/deid", "--output", "OUT/quality-deid", "--raw", "IN/raw", "--history", "H");
    assertThat(GRAPH.step("evaluate").jobArgs(l).orElseThrow().mainClass())
        .isEqualTo("io.clinicalpipeline.jobs.evaluate.EvaluateJob");
    assertThat(GRAPH.step("condition").jobArgs(l)).isEmpty();
  }

  @Test
  void parameters_typed() {
    assertThat(GRAPH.parameter("MinAuc").type()).isEqualTo(PipelineParameter.Type.Float);
    assertThat(GRAPH.parameter("MinAuc").defaultValue()).isEqualTo(0.8);
    assertThat(GRAPH.parameter("MinAuc").parse("0.75")).isEqualTo(0.75);
    assertThat(List.of(GRAPH.parameter("MinAuc").reference())).containsExactly("Parameters.MinAuc");
  }
}
