package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.launch.config.PipelineConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamPolicyTest {

  static JsonNode policy() throws Exception {
    return IamPolicy.of(PipelineConfig.parse("t", Fixtures.exampleYaml()));
  }

  static JsonNode statement(JsonNode policy, String sid) {
    for (JsonNode s : policy.path("Statement")) {
      if (s.path("Sid").asText().equals(sid)) {
        return s;
      }
    }
    throw new AssertionError("no statement " + sid);
  }

  @Test
  void s3_exactPrefixes_writeOnlyUnderOutput() throws Exception {
    JsonNode p = policy();
    assertThat(statement(p, "WriteOutputs").path("Resource").toString())
        .isEqualTo("[\"arn:aws:s3:::example-phi-bucket/clinical-pipeline/runs/*\"]");
    assertThat(statement(p, "ReadInputsAndArtifacts").path("Resource").toString()).contains(
        "arn:aws:s3:::example-phi-bucket/raw/synthea/*",
        "arn:aws:s3:::example-phi-bucket/clinical-pipeline/artifacts/*",
        "arn:aws:s3:::example-phi-bucket/clinical-pipeline/secrets/deid.key");
    assertThat(statement(p, "ListOnlyPipelinePrefixes").at("/Condition/StringLike/s3:prefix").toString())
        .isEqualTo("[\"raw/synthea\",\"raw/synthea/*\",\"clinical-pipeline/runs\",\"clinical-pipeline/runs/*\","
            + "\"clinical-pipeline/artifacts\",\"clinical-pipeline/artifacts/*\",\"clinical-pipeline/secrets/deid.key\"]");
  }

  @Test
  void kms_onlyTheConfiguredKey_passRole_onlyItself() throws Exception {
    JsonNode p = policy();
    assertThat(statement(p, "UseThePipelineKey").path("Resource").toString())
        .isEqualTo("[\"arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555\"]");
    JsonNode pass = statement(p, "PassOnlyThisRole");
    assertThat(pass.path("Resource").get(0).asText()).isEqualTo("arn:aws:iam::111122223333:role/clinical-pipeline-execution");
    assertThat(pass.at("/Condition/StringEquals/iam:PassedToService").asText()).isEqualTo("sagemaker.amazonaws.com");
  }

  @Test
  void noWildcardActions_andWildcardResourcesOnlyWhereAwsRequiresThem() throws Exception {
    List<String> starResources = new ArrayList<>();
    for (JsonNode s : policy().path("Statement")) {
      s.path("Action").forEach(a -> assertThat(a.asText()).doesNotContain("*"));
      s.path("Resource").forEach(r -> {
        if (r.asText().equals("*")) {
          starResources.add(s.path("Sid").asText());
        }
      });
    }
    assertThat(starResources).containsExactlyInAnyOrder("EcrLogin", "PublishJobMetrics", "DescribeTheVpc");
    assertThat(statement(policy(), "PullTheImages").path("Resource").toString()).contains(
        "arn:aws:ecr:us-east-1:173754725891:repository/sagemaker-spark-processing",
        "arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost");
  }
}
