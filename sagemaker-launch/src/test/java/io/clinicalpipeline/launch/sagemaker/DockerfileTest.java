package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** src/Dockerfile agrees with what the definition writer runs (read as text: no Docker engine here). */
class DockerfileTest {

  @TempDir Path tmp;

  static List<String> instructions() throws Exception {
    Path file = Fixtures.moduleRoot().getParent().resolve("src/Dockerfile");
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /** The instructions with ARG defaults substituted, as docker build would without --build-arg. */
  static List<String> resolved() throws Exception {
    Map<String, String> args = new HashMap<>();
    Pattern ref = Pattern.compile("\\$\\{(\\w+)}");
    return instructions().stream().map(l -> {
      if (l.startsWith("ARG ")) {
        String[] kv = l.substring(4).split("=", 2);
        args.put(kv[0], kv.length > 1 ? kv[1] : "");
        return l;
      }
      Matcher m = ref.matcher(l);
      return m.replaceAll(r -> Matcher.quoteReplacement(args.getOrDefault(r.group(1), "")));
    }).toList();
  }

  @Test
  void baseImage_isThePinnedSparkImage_theDefinitionUses() throws Exception {
    String from = resolved().stream().filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow();
    assertThat(from.substring(5)).isEqualTo(ContainerImages.sparkProcessing("us-east-1"));
    assertThat(from).endsWith(":" + ContainerImages.SPARK_TAG);
  }

  @Test
  void jarPath_andEntryPoint_matchTheDefinition() throws Exception {
    List<String> lines = resolved();
    String copy = lines.stream().filter(l -> l.startsWith("COPY ")).findFirst().orElseThrow();
    assertThat(copy.split("\\s+")[2]).isEqualTo(ContainerImages.BAKED_JAR);
    assertThat(copy.split("\\s+")[1]).startsWith("jobs/target/clinical-pipeline-jobs-").endsWith("-shaded.jar");
    assertThat(lines).contains("ENTRYPOINT [\"" + ContainerImages.SPARK_SUBMIT + "\"]");

    String yaml = Fixtures.exampleYaml().replace("  # image-uri: ", "  image-uri: ");
    JsonNode d = DefinitionWriter.write(Fixtures.graph(yaml), tmp.resolve("absent.jar"), false).json();
    JsonNode app = Fixtures.step(d, "Features").at("/Arguments/AppSpecification");
    assertThat(app.path("ImageUri").asText()).isEqualTo("111122223333.dkr.ecr.us-east-1.amazonaws.com/clinical-pipeline:1.0.0");
    assertThat(app.path("ContainerEntrypoint").get(0).asText()).isEqualTo(ContainerImages.SPARK_SUBMIT);
    JsonNode entry = app.path("ContainerEntrypoint");
    assertThat(entry.get(entry.size() - 1).asText()).isEqualTo(ContainerImages.BAKED_JAR);
    assertThat(Fixtures.step(d, "Features").at("/Arguments/ProcessingInputs").toString()).doesNotContain("\"code\"");
  }
}
