package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.SharedReference;
import io.clinicalpipeline.launch.config.ConfigException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Display names within the API model's PipelineName and PipelineExecutionName constraints. */
class DisplayNamesTest {

  static JsonNode shape(String name) throws Exception {
    Path model = SharedReference.require("sagemaker-reference/api-model/botocore-1.43.11_sagemaker_service-2.json");
    return new ObjectMapper().readTree(model.toFile()).path("shapes").path(name);
  }

  @Test
  void limits_areTheApiModels() throws Exception {
    JsonNode create = shape("CreatePipelineRequest");
    JsonNode start = shape("StartPipelineExecutionRequest");
    JsonNode pipeline = shape(create.at("/members/PipelineDisplayName/shape").asText());
    JsonNode execution = shape(start.at("/members/PipelineExecutionDisplayName/shape").asText());
    assertThat(pipeline.path("max").asInt()).isEqualTo(DisplayNames.PIPELINE_MAX);
    assertThat(execution.path("max").asInt()).isEqualTo(DisplayNames.EXECUTION_MAX);
    String longName = "a".repeat(120) + "-pipeline";
    String generated = DisplayNames.execution(longName, Instant.parse("2026-12-04T01:30:00Z"));
    assertThat(generated).hasSize(DisplayNames.EXECUTION_MAX).endsWith("-20261204-013000");
    assertThat(Pattern.compile("^(" + execution.path("pattern").asText() + ")$").matcher(generated).matches()).isTrue();
    assertThat(Pattern.compile("^(" + pipeline.path("pattern").asText() + ")$").matcher(DisplayNames.pipeline("clinical-pipeline"))
        .matches()).isTrue();
  }

  @Test
  void execution_isPipelineAndUtcTime_trailingHyphensDropped() {
    assertThat(DisplayNames.execution("clinical-pipeline", Instant.parse("2026-12-04T01:30:05Z")))
        .isEqualTo("clinical-pipeline-20261204-013005");
    String cut = DisplayNames.execution("a".repeat(65) + "-b", Instant.parse("2026-12-04T01:30:05Z"));
    assertThat(cut).isEqualTo("a".repeat(65) + "-20261204-013005");
  }

  @Test
  void namesOutsideTheAlphabet_areRefused() {
    for (String bad : new String[] {"", "has space", "-leading", "trailing-", "under_score", "a".repeat(83)}) {
      assertThatThrownBy(() -> DisplayNames.requireExecution(bad)).as(bad).isInstanceOf(ConfigException.class);
    }
    assertThatThrownBy(() -> DisplayNames.pipeline("x".repeat(257))).isInstanceOf(ConfigException.class);
  }
}
