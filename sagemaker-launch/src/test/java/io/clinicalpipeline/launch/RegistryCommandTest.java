package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.jobs.score.ApprovalStatus;
import io.clinicalpipeline.jobs.score.ModelVersion;
import io.clinicalpipeline.launch.registry.ModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandTest {

  @TempDir Path tmp;
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return new RegistryCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(args);
  }

  @Test
  void listApproveDescribe_overARegisteredVersion() throws Exception {
    Path root = tmp.resolve("registry");
    Path model = Files.writeString(tmp.resolve("m"), "trees");
    Path evaluation = Files.writeString(tmp.resolve("e.json"), "{\"binary_classification_metrics\": {\"auc\": {\"value\": 0.8}}}");
    new ModelRegistry(root).register("readmission",
        Map.of(ModelVersion.MODEL, model, ModelVersion.EVALUATION, evaluation), ApprovalStatus.PENDING_MANUAL_APPROVAL);

    assertThat(run("list", "--registry", root.toString())).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("readmission +1 +PendingManualApproval +0\\.8000");
    bytes.reset();
    assertThat(run("approve", "--registry", root.toString(), "--version", "1", "--description", "ok")).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("readmission/1: PendingManualApproval -> Approved\n");
    bytes.reset();
    assertThat(run("describe", "--registry", root.toString(), "--version", "1")).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"ModelApprovalStatus\" : \"Approved\"");
  }

  @Test
  void badUsage_isExitCodeTwo_namingTheFlag() {
    assertThat(Main.run(new String[] {"registry", "approve", "--registry", tmp.toString(), "--version", "x"})).isEqualTo(2);
    assertThat(Main.run(new String[] {"registry", "promote", "--registry", tmp.toString()})).isEqualTo(2);
    assertThat(Main.run(new String[] {"registry", "list", "--registry", tmp.resolve("none").toString()})).isEqualTo(2);
  }
}
