package io.clinicalpipeline.launch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.jobs.score.ApprovalStatus;
import io.clinicalpipeline.jobs.score.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  @TempDir Path tmp;
  ModelRegistry registry;
  Path model;
  Path evaluation;

  @BeforeEach
  void setUp() throws Exception {
    registry = new ModelRegistry(tmp.resolve("registry"));
    model = Files.writeString(tmp.resolve("model.bin"), "trees v1");
    evaluation = Files.writeString(tmp.resolve("evaluation.json"),
        "{\"binary_classification_metrics\": {\"auc\": {\"value\": 0.83}, \"confusion_matrix\": {}}}");
  }

  private ModelRegistry.Registration register(ApprovalStatus initial) throws Exception {
    return registry.register("readmission", Map.of(ModelVersion.MODEL, model, ModelVersion.EVALUATION, evaluation), initial);
  }

  @Test
  void register_numbersVersions_identicalContentIsTheSameVersion() throws Exception {
    ModelRegistry.Registration first = register(ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(first.created()).isTrue();
    assertThat(first.version().version()).isEqualTo(1);
    assertThat(first.version().dir()).isEqualTo(tmp.resolve("registry/readmission/1"));
    assertThat(first.version().dir().resolve(ModelVersion.MODEL)).hasContent("trees v1");
    assertThat(first.version().status()).isEqualTo(ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(registry.read(first.version()).path(ModelRegistry.METRICS_FIELD).path("auc").asDouble()).isEqualTo(0.83);

    ModelRegistry.Registration again = register(ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(again.created()).isFalse();
    assertThat(again.version().version()).isEqualTo(1);
    assertThat(registry.versions("readmission")).hasSize(1);

    Files.writeString(model, "trees v2");
    ModelRegistry.Registration second = register(ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(second.created()).isTrue();
    assertThat(second.version().version()).isEqualTo(2);
    assertThat(tmp.resolve("registry/readmission/1").resolve(ModelVersion.MODEL)).hasContent("trees v1");

    JsonNode index = new ObjectMapper().readTree(tmp.resolve("registry").resolve(ModelRegistry.INDEX).toFile());
    JsonNode versions = index.path("ModelPackageGroups").get(0).path("ModelPackageVersions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(1).path(ModelVersion.VERSION_FIELD).asInt()).isEqualTo(2);
    assertThat(versions.get(0).path(ModelRegistry.CONTENT_FIELD).asText())
        .isNotEqualTo(versions.get(1).path(ModelRegistry.CONTENT_FIELD).asText());
    try (var files = Files.list(tmp.resolve("registry"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.json", "readmission");
    }
  }

  @Test
  void approveThenReject_recordsEachChange_andTheIndexFollows() throws Exception {
    ModelVersion v = register(ApprovalStatus.PENDING_MANUAL_APPROVAL).version();
    ModelVersion approved = registry.decide(v, ApprovalStatus.APPROVED, "reviewed by the model board");
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(ModelVersion.read(v.dir()).status()).isEqualTo(ApprovalStatus.APPROVED);
    ModelVersion rejected = registry.decide(approved, ApprovalStatus.REJECTED, null);

    JsonNode history = registry.read(rejected).path(ModelRegistry.HISTORY_FIELD);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("From").asText()).isEqualTo("PendingManualApproval");
    assertThat(history.get(0).path("ApprovalDescription").asText()).isEqualTo("reviewed by the model board");
    assertThat(history.get(1).path(ModelVersion.STATUS_FIELD).asText()).isEqualTo("Rejected");
    assertThat(Files.readString(tmp.resolve("registry/index.json"))).contains("\"Rejected\"").doesNotContain("\"Approved\"");

    assertThat(registry.decide(rejected, ApprovalStatus.REJECTED, "again").status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(registry.read(rejected).path(ModelRegistry.HISTORY_FIELD)).hasSize(2);
    assertThatThrownBy(() -> registry.decide(rejected, ApprovalStatus.PENDING_MANUAL_APPROVAL, null))
        .isInstanceOf(JobException.class).hasMessage("a version cannot return to PendingManualApproval");
  }

  @Test
  void identicalContentRegisteredAfterApproval_keepsTheApproval() throws Exception {
    registry.decide(register(ApprovalStatus.PENDING_MANUAL_APPROVAL).version(), ApprovalStatus.APPROVED, null);
    ModelRegistry.Registration again = register(ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(again.created()).isFalse();
    assertThat(again.version().status()).isEqualTo(ApprovalStatus.APPROVED);
  }

  @Test
  void find_withoutGroup_needsExactlyOneGroup() throws Exception {
    register(ApprovalStatus.APPROVED);
    assertThat(registry.find(Optional.empty(), 1).status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThatThrownBy(() -> registry.find(Optional.empty(), 3))
        .hasMessage("no version 3 in model package group readmission");
    registry.register("mortality", Map.of(ModelVersion.MODEL, model), ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThatThrownBy(() -> registry.find(Optional.empty(), 1))
        .hasMessage("the registry has 2 model package groups [mortality, readmission]: pass --group");
    assertThatThrownBy(() -> registry.register("no/slash", Map.of(), ApprovalStatus.APPROVED))
        .hasMessage("model package group must be 1-63 letters, digits and hyphens");
  }

  @Test
  void badVersionJson_namesTheFileAndField() throws Exception {
    Path dir = register(ApprovalStatus.PENDING_MANUAL_APPROVAL).version().dir();
    Path file = dir.resolve(ModelVersion.VERSION_JSON);
    Files.writeString(file, Files.readString(file).replace("PendingManualApproval", "Maybe"));
    assertThatThrownBy(() -> ModelVersion.read(dir))
        .isInstanceOf(InputException.class)
        .hasMessage(file + ": field ModelApprovalStatus is not one of [PendingManualApproval, Approved, Rejected]");
    Files.writeString(file, "{\"ModelPackageGroupName\": \"g\", \"ModelPackageVersion\": \"one\"}");
    assertThatThrownBy(() -> ModelVersion.read(dir))
        .hasMessage(file + ": field ModelPackageVersion must be a whole number from 1");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> ModelVersion.read(dir)).hasMessageStartingWith(file + ": not valid JSON");
  }
}
