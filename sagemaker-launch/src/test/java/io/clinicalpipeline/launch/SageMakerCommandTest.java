package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SageMakerCommandTest {

  @TempDir Path tmp;

  static Path example() {
    Path here = Path.of("").toAbsolutePath();
    Path module = Files.isDirectory(here.resolve("examples")) ? here : here.resolve("sagemaker-launch");
    return module.resolve("examples/pipeline.yaml");
  }

  private int run(ByteArrayOutputStream out, String... args) throws Exception {
    return new SageMakerCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
  }

  @Test
  void definition_writesTheFile_andPrintsTheCostEstimate() throws Exception {
    Path jar = Files.writeString(tmp.resolve("jobs.jar"), "jar");
    Path def = tmp.resolve("def/pipeline.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(run(out, "definition", "--config", example().toString(), "--jar", jar.toString(), "--output", def.toString())).isZero();
    assertThat(new ObjectMapper().readTree(def.toFile()).path("Version").asText()).isEqualTo("2020-12-01");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("wrote " + def, "Cost estimate per run", "train", "ml.g5.xlarge", "(spot, 70% off", "total");
  }

  @Test
  void definition_withoutKmsKey_refusedThroughMain_withExitCode1() throws Exception {
    Path yaml = Files.writeString(tmp.resolve("p.yaml"),
        Files.readString(example()).replaceAll("(?m)^  kms-key-id: .*$", ""));
    Path jar = Files.writeString(tmp.resolve("jobs.jar"), "jar");
    int code = Main.run(new String[] {"sagemaker", "definition", "--config", yaml.toString(), "--jar", jar.toString(),
        "--output", tmp.resolve("d.json").toString()});
    assertThat(code).isEqualTo(1);
    assertThat(tmp.resolve("d.json")).doesNotExist();
    assertThat(Main.run(new String[] {"sagemaker", "definition", "--config", yaml.toString(), "--jar", jar.toString(),
        "--output", tmp.resolve("d.json").toString(), "--allow-unencrypted"})).isZero();
  }

  @Test
  void iamPolicy_printsAPolicyDocument() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(run(out, "iam-policy", "--config", example().toString())).isZero();
    assertThat(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("Version").asText()).isEqualTo("2012-10-17");
  }

  @Test
  void badParameterValue_isAUsageError_namingTheParameter() throws Exception {
    var graph = io.clinicalpipeline.launch.graph.PipelineGraph.of(
        io.clinicalpipeline.launch.config.PipelineConfig.load(example()));
    var args = io.clinicalpipeline.common.options.Args.parse(new String[] {"--param", "MinAuc=high"},
        SageMakerCommand.VALUED, SageMakerCommand.SWITCHES);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SageMakerCommand.parameters(graph, args))
        .hasMessage("--param parameter MinAuc must be a Float: high");
  }
}
