package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shipped example config, a stand-in jobs jar, and the steps of a rendered definition. */
final class Fixtures {

  private Fixtures() {}

  static Path moduleRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("examples")) ? here : here.resolve("sagemaker-launch");
  }

  static Path exampleConfig() {
    return moduleRoot().resolve("examples/pipeline.yaml");
  }

  static String exampleYaml() throws IOException {
    return Files.readString(exampleConfig(), StandardCharsets.UTF_8);
  }

  static PipelineGraph graph(String yaml) {
    return PipelineGraph.of(PipelineConfig.parse("test.yaml", yaml));
  }

  static Path jar(Path dir, String content) throws IOException {
    Path jar = dir.resolve("jobs.jar");
    Files.writeString(jar, content, StandardCharsets.UTF_8);
    return jar;
  }

  /** Every step, including those nested in a condition's IfSteps and ElseSteps. */
  /** The definition of the example config, its jar written under {@code dir}. */
  static JsonNode exampleDefinition(Path dir) throws IOException {
    return DefinitionWriter.write(graph(exampleYaml()), jar(dir, "jar"), false).json();
  }

  static List<JsonNode> allSteps(JsonNode definition) {
    List<JsonNode> out = new ArrayList<>();
    collect(definition.path("Steps"), out);
    return out;
  }

  private static void collect(JsonNode steps, List<JsonNode> out) {
    for (JsonNode s : steps) {
      out.add(s);
      collect(s.path("Arguments").path("IfSteps"), out);
      collect(s.path("Arguments").path("ElseSteps"), out);
    }
  }

  static JsonNode step(JsonNode definition, String name) {
    return allSteps(definition).stream()
        .filter(s -> s.path("Name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name));
  }
}
