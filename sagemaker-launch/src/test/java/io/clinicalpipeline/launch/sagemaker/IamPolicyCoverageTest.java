package io.clinicalpipeline.launch.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.sagemaker.PolicySimulator.Request;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution role's policy allows every request the definition makes it send: walked from the
 * definition (each S3 URI read or written, each KMS key, each step's API call and image), not listed by hand.
 */
class IamPolicyCoverageTest {

  @TempDir Path tmp;

  private PolicySimulator simulator(PipelineConfig config) {
    return new PolicySimulator(IamPolicy.of(config));
  }

  private DefinitionAccess access(PipelineConfig config) throws Exception {
    Definition d = DefinitionWriter.write(io.clinicalpipeline.launch.graph.PipelineGraph.of(config),
        Fixtures.jar(tmp, "jar"), false);
    PipelineConfig.SageMaker sm = config.requireSageMaker();
    return new DefinitionAccess(d.json(), sm.roleArn().split(":")[1], sm.account(), sm.region());
  }

  @Test
  void everyRequestTheDefinitionMakes_isAllowed() throws Exception {
    PipelineConfig config = PipelineConfig.parse("t", Fixtures.exampleYaml());
    DefinitionAccess access = access(config);
    assertThat(access.requests).hasSizeGreaterThan(100);
    assertThat(simulator(config).denied(access.requests)).isEmpty();
  }

  @Test
  void theWalkCoversTheKeyPrefixTheBareInputPrefixAndRegistration() throws Exception {
    PipelineConfig config = PipelineConfig.parse("t", Fixtures.exampleYaml());
    List<Request> r = access(config).requests;
    assertThat(r).contains(
        new Request("s3:ListBucket", "arn:aws:s3:::example-phi-bucket",
            Map.of("s3:prefix", "clinical-pipeline/secrets/deid.key")),
        new Request("s3:ListBucket", "arn:aws:s3:::example-phi-bucket", Map.of("s3:prefix", "raw/synthea")),
        new Request("sagemaker:CreateModelPackage",
            "arn:aws:sagemaker:us-east-1:111122223333:model-package/clinical-risk-models/*", Map.of()));
  }

  @Test
  void theSimulatorDeniesWhatThePolicyDoesNotGrant() throws Exception {
    PolicySimulator sim = simulator(PipelineConfig.parse("t", Fixtures.exampleYaml()));
    assertThat(sim.allows(new Request("s3:PutObject", "arn:aws:s3:::example-phi-bucket/raw/synthea/x", Map.of()))).isFalse();
    assertThat(sim.allows(new Request("s3:ListBucket", "arn:aws:s3:::example-phi-bucket", Map.of("s3:prefix", "other"))))
        .isFalse();
    assertThat(sim.allows(new Request("s3:ListBucket", "arn:aws:s3:::example-phi-bucket", Map.of()))).isFalse();
    assertThat(sim.allows(new Request("iam:PassRole", "arn:aws:iam::111122223333:role/clinical-pipeline-execution",
        Map.of("iam:PassedToService", "ec2.amazonaws.com")))).isFalse();
    assertThat(sim.allows(new Request("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/other", Map.of()))).isFalse();
    assertThat(sim.allows(new Request("sagemaker:CreateModelPackage",
        "arn:aws:sagemaker:us-east-1:111122223333:model-package/another-group/1", Map.of()))).isFalse();
  }

  @Test
  void keyInAnotherBucket_isListableThere() throws Exception {
    String yaml = Fixtures.exampleYaml().replace("s3://example-phi-bucket/clinical-pipeline/secrets/deid.key",
        "s3://example-secrets/pipeline/deid.key");
    PipelineConfig config = PipelineConfig.parse("t", yaml);
    assertThat(simulator(config).denied(access(config).requests)).isEmpty();
  }
}
