package io.clinicalpipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesManifestTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  private static final KubernetesManifest.Options OPTIONS = new KubernetesManifest.Options(
      "risk-model", "registry.example/serve:1.0", "s3://models/risk/model.tar.gz", "risk-reader", 4, "3Gi", 2, 12, 70);

  @Test
  void render_deploymentServiceAndAutoscaler_parseWithTheFieldsAsked() throws Exception {
    Path out = tmp.resolve("serve.yaml");
    KubernetesManifest.main(new String[] {"--name", "risk-model", "--image", "registry.example/serve:1.0",
        "--model-uri", "s3://models/risk/model.tar.gz", "--service-account", "risk-reader", "--cpu", "4",
        "--memory", "3Gi", "--min-replicas", "2", "--max-replicas", "12", "--target-cpu-percent", "70",
        "--output", out.toString()});
    List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(out)).readAll();
    assertThat(docs).extracting(d -> d.path("kind").asText())
        .containsExactly("Deployment", "Service", "HorizontalPodAutoscaler");

    JsonNode deployment = docs.get(0);
    assertThat(deployment.path("apiVersion").asText()).isEqualTo("apps/v1");
    JsonNode pod = deployment.at("/spec/template");
    assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(pod.at("/metadata/labels"));
    assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("risk-reader");
    JsonNode serve = pod.at("/spec/containers/0");
    assertThat(serve.path("image").asText()).isEqualTo("registry.example/serve:1.0");
    assertThat(serve.at("/command/0").asText()).isEqualTo("serve");
    assertThat(serve.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(serve.at("/resources/requests/cpu").asText()).isEqualTo("4");
    assertThat(serve.at("/resources/limits/cpu").asText()).isEqualTo("4");
    assertThat(serve.at("/resources/requests/memory").asText()).isEqualTo("3Gi");
    assertThat(serve.at("/resources/limits/memory").asText()).isEqualTo("3Gi");
    for (String probe : new String[] {"readinessProbe", "livenessProbe"}) {
      assertThat(serve.at("/" + probe + "/httpGet/path").asText()).isEqualTo("/ping");
      assertThat(serve.at("/" + probe + "/httpGet/port").asText()).isEqualTo(serve.at("/ports/0/name").asText());
      assertThat(serve.at("/" + probe + "/timeoutSeconds").asInt()).isEqualTo(2);
    }
    assertThat(serve.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(serve.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/opt/ml/model");
    JsonNode init = pod.at("/spec/initContainers/0");
    assertThat(init.at("/env/0/value").asText()).isEqualTo("s3://models/risk/model.tar.gz");
    assertThat(init.at("/volumeMounts/0/name").asText()).isEqualTo(serve.at("/volumeMounts/0/name").asText());

    JsonNode service = docs.get(1);
    assertThat(service.at("/spec/selector")).isEqualTo(pod.at("/metadata/labels"));
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

    JsonNode hpa = docs.get(2);
    assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
    assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
    assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
    assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(12);
    assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
    assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
  }

  @Test
  void render_sameOptions_sameBytes() {
    assertThat(KubernetesManifest.render(OPTIONS)).isEqualTo(KubernetesManifest.render(OPTIONS));
  }

  @Test
  void options_withoutS3ModelUri_areRefused() {
    assertThatThrownBy(() -> new KubernetesManifest.Options("a", "img", "/local/model", "sa", 1, "1Gi", 1, 2, 50))
        .hasMessageStartingWith("--image and --model-uri s3://... are required");
    assertThatThrownBy(() -> new KubernetesManifest.Options("a", "img", "s3://b/k", "sa", 1, "1Gi", 3, 2, 50))
        .hasMessageStartingWith("need --cpu >= 1");
  }
}
