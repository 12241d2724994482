package io.clinicalpipeline.launch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {

  static String example() throws Exception {
    Path here = Path.of("").toAbsolutePath();
    Path module = Files.isDirectory(here.resolve("examples")) ? here : here.resolve("sagemaker-launch");
    return Files.readString(module.resolve("examples/pipeline.yaml"), StandardCharsets.UTF_8);
  }

  @Test
  void exampleConfig_loads() throws Exception {
    PipelineConfig c = PipelineConfig.parse("pipeline.yaml", example());
    assertThat(c.name()).isEqualTo("clinical-pipeline");
    assertThat(c.minAuc()).isEqualTo(0.70);
    PipelineConfig.SageMaker sm = c.requireSageMaker();
    assertThat(sm.account()).isEqualTo("111122223333");
    assertThat(sm.training().spot()).isTrue();
    assertThat(sm.training().imageUri()).isEmpty();
    assertThat(sm.subnets()).containsExactly("subnet-0example1", "subnet-0example2");
  }

  @Test
  void defaults_needNoFile() {
    PipelineConfig c = PipelineConfig.defaults();
    assertThat(c.deid().datePolicy()).isEqualTo("shift");
    assertThat(c.sagemaker()).isEmpty();
    assertThatThrownBy(c::requireSageMaker).hasMessageContaining("'sagemaker' section");
  }

  @Test
  void unknownKey_namedWithItsPath() throws Exception {
    String yaml = example().replace("    spot: true", "    spott: true");
    assertThatThrownBy(() -> PipelineConfig.parse("pipeline.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pipeline.yaml: sagemaker.training.spott is not a known key");
  }

  @Test
  void badValues_namedWithKeyAndValue() throws Exception {
    assertThatThrownBy(() -> PipelineConfig.parse("p.yaml", "deid:\n  date-policy: fuzzy\n"))
        .hasMessage("p.yaml: deid.date-policy must be one of shift|safe-harbor: fuzzy");
    assertThatThrownBy(() -> PipelineConfig.parse("p.yaml", "evaluation:\n  min-auc: 1.5\n"))
        .hasMessage("p.yaml: evaluation.min-auc must be between 0.0 and 1.0: 1.5");
    String yaml = example().replace("role-arn: arn:aws:iam::111122223333:role/clinical-pipeline-execution", "role-arn: admin");
    assertThatThrownBy(() -> PipelineConfig.parse("p.yaml", yaml))
        .hasMessage("p.yaml: sagemaker.role-arn must be an IAM role ARN: admin");
    String count = example().replace("instance-count: 2", "instance-count: two");
    assertThatThrownBy(() -> PipelineConfig.parse("p.yaml", count))
        .hasMessage("p.yaml: sagemaker.processing.instance-count must be an integer: two");
  }

  @Test
  void spotWaitShorterThanRuntime_refused() throws Exception {
    String yaml = example().replace("max-wait-seconds: 7200", "max-wait-seconds: 60");
    assertThatThrownBy(() -> PipelineConfig.parse("p.yaml", yaml))
        .hasMessage("p.yaml: sagemaker.training.max-wait-seconds must be at least max-runtime-seconds with spot: 60");
  }

  @Test
  void secretLookingTag_refused() throws Exception {
    String yaml = example().replace("    project: clinical-pipeline", "    api-token: abc");
    assertThatThrownBy(() -> PipelineConfig.parse("p.yaml", yaml))
        .hasMessageStartingWith("p.yaml: sagemaker.tags.api-token looks like a secret");
  }

  @Test
  void requiredKeyMissing_named() throws Exception {
    String yaml = example().replace("  region: us-east-1\n", "");
    assertThatThrownBy(() -> PipelineConfig.parse("p.yaml", yaml))
        .hasMessage("p.yaml: sagemaker.region is required (an AWS region such as us-east-1)");
  }

  @Test
  void digest_changesWithContent() throws Exception {
    String yaml = example();
    assertThat(PipelineConfig.parse("a", yaml).digest()).isEqualTo(PipelineConfig.parse("b", yaml).digest());
    assertThat(PipelineConfig.parse("a", yaml.replace("min-auc: 0.70", "min-auc: 0.75")).digest())
        .isNotEqualTo(PipelineConfig.parse("a", yaml).digest());
  }
}
