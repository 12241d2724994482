package io.clinicalpipeline.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Kubernetes manifest that runs the serving image on a cluster (EKS): a Deployment (resource
 * requests and limits, readiness and liveness on {@code /ping}, the model fetched from S3 by an init
 * container into {@code /opt/ml/model}, as SageMaker places it), a ClusterIP Service and an
 * {@code autoscaling/v2} HorizontalPodAutoscaler on CPU utilisation.
 *
 * <pre>
 * java -cp 'serve/target/clinical-pipeline-serve-0.1.0-SNAPSHOT.jar:serve/target/lib/*' \
 *   io.clinicalpipeline.serve.KubernetesManifest --image IMAGE --model-uri s3://BUCKET/KEY/model.tar.gz [--output FILE]
 * </pre>
 */
public final class KubernetesManifest {

  /**
   * What the manifest says.
   *
   * @param name Deployment, Service and HPA name, and the {@code app} label
   * @param image the serving image (serve/Dockerfile)
   * @param modelUri the model's {@code model.tar.gz} in S3, as training leaves it
   * @param serviceAccount the service account whose IAM role may read {@code modelUri} (IRSA)
   * @param cpu CPU request and limit per pod, in cores (the server's workers)
   * @param memory memory request and limit per pod, e.g. {@code 2Gi}
   * @param minReplicas HPA minimum
   * @param maxReplicas HPA maximum
   * @param targetCpuPercent HPA target average CPU utilisation
   */
  public record Options(String name, String image, String modelUri, String serviceAccount, int cpu,
      String memory, int minReplicas, int maxReplicas, int targetCpuPercent) {

    static final String USAGE =
        """
        KubernetesManifest --image IMAGE --model-uri s3://... [--name clinical-pipeline-serve]
            [--service-account NAME] [--cpu 2] [--memory 2Gi] [--min-replicas 2] [--max-replicas 10]
            [--target-cpu-percent 60] [--output FILE]
        """;

    public Options {
      if (image == null || image.isBlank() || modelUri == null || !modelUri.startsWith("s3://")) {
        throw new IllegalArgumentException("--image and --model-uri s3://... are required\n" + USAGE);
      }
      if (cpu < 1 || minReplicas < 1 || maxReplicas < minReplicas || targetCpuPercent < 1 || targetCpuPercent > 100) {
        throw new IllegalArgumentException(
            "need --cpu >= 1, 1 <= --min-replicas <= --max-replicas, 1 <= --target-cpu-percent <= 100");
      }
    }

    static Options parse(Map<String, String> a) {
      return new Options(a.getOrDefault("name", "clinical-pipeline-serve"), a.get("image"), a.get("model-uri"),
          a.getOrDefault("service-account", "clinical-pipeline-serve"), Integer.parseInt(a.getOrDefault("cpu", "2")),
          a.getOrDefault("memory", "2Gi"), Integer.parseInt(a.getOrDefault("min-replicas", "2")),
          Integer.parseInt(a.getOrDefault("max-replicas", "10")),
          Integer.parseInt(a.getOrDefault("target-cpu-percent", "60")));
    }
  }

  static final String MODEL_MOUNT = "/opt/ml/model";
  static final String INIT_IMAGE = "amazon/aws-cli:2.22.35";
  /** The serving image's user (serve/Dockerfile); numeric so that runAsNonRoot can be checked. */
  static final int RUN_AS_USER = 10001;

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.SPLIT_LINES));

  private KubernetesManifest() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + Options.USAGE);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    String yaml = render(Options.parse(a));
    if (a.containsKey("output")) {
      Files.writeString(Path.of(a.get("output")), yaml, StandardCharsets.UTF_8);
    } else {
      System.out.print(yaml);
    }
  }

  /** The three documents, in apply order. */
  public static String render(Options o) {
    StringWriter out = new StringWriter();
    try (SequenceWriter w = YAML.writer().writeValues(out)) {
      w.write(deployment(o));
      w.write(service(o));
      w.write(autoscaler(o));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Map<String, Object> deployment(Options o) {
    Map<String, Object> resources = map(
        "requests", map("cpu", String.valueOf(o.cpu()), "memory", o.memory()),
        "limits", map("cpu", String.valueOf(o.cpu()), "memory", o.memory()));
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "serve");
    container.put("image", o.image());
    container.put("command", List.of("serve"));
    container.put("args", List.of("--model-dir", MODEL_MOUNT, "--workers", String.valueOf(o.cpu())));
    container.put("ports", List.of(map("name", "http", "containerPort", ServeOptions.DEFAULT_PORT)));
    container.put("env", List.of(map("name", "JAVA_OPTS", "value", "-XX:MaxRAMPercentage=75")));
    container.put("resources", resources);
    container.put("readinessProbe", probe(5, 5, 3));
    container.put("livenessProbe", probe(30, 10, 3));
    container.put("securityContext", map("runAsNonRoot", true, "readOnlyRootFilesystem", true,
        "allowPrivilegeEscalation", false, "runAsUser", RUN_AS_USER));
    container.put("volumeMounts", List.of(map("name", "model", "mountPath", MODEL_MOUNT, "readOnly", true),
        map("name", "tmp", "mountPath", "/tmp")));
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("name", "fetch-model");
    init.put("image", INIT_IMAGE);
    init.put("command", List.of("sh", "-c",
        "aws s3 cp \"$MODEL_URI\" /tmp/model.tar.gz && tar -xzf /tmp/model.tar.gz -C " + MODEL_MOUNT));
    init.put("env", List.of(map("name", "MODEL_URI", "value", o.modelUri())));
    init.put("resources", map("requests", map("cpu", "250m", "memory", "256Mi"),
        "limits", map("cpu", "1", "memory", "512Mi")));
    init.put("volumeMounts", List.of(map("name", "model", "mountPath", MODEL_MOUNT),
        map("name", "tmp", "mountPath", "/tmp")));
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("serviceAccountName", o.serviceAccount());
    pod.put("initContainers", List.of(init));
    pod.put("containers", List.of(container));
    pod.put("volumes", List.of(map("name", "model", "emptyDir", map()),
        map("name", "tmp", "emptyDir", map())));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", o.minReplicas());
    spec.put("selector", map("matchLabels", labels(o)));
    spec.put("template", map("metadata", map("labels", labels(o)), "spec", pod));
    return document("apps/v1", "Deployment", o, spec);
  }

  static Map<String, Object> service(Options o) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "ClusterIP");
    spec.put("selector", labels(o));
    spec.put("ports", List.of(map("name", "http", "port", 80, "targetPort", "http")));
    return document("v1", "Service", o, spec);
  }

  static Map<String, Object> autoscaler(Options o) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", o.name()));
    spec.put("minReplicas", o.minReplicas());
    spec.put("maxReplicas", o.maxReplicas());
    spec.put("metrics", List.of(map("type", "Resource", "resource", map("name", "cpu",
        "target", map("type", "Utilization", "averageUtilization", o.targetCpuPercent())))));
    return document("autoscaling/v2", "HorizontalPodAutoscaler", o, spec);
  }

  /** An HTTP GET of /ping; its timeout is SageMaker's ping timeout (2 s). */
  private static Map<String, Object> probe(int initialDelay, int period, int failures) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("httpGet", map("path", "/ping", "port", "http"));
    p.put("initialDelaySeconds", initialDelay);
    p.put("periodSeconds", period);
    p.put("timeoutSeconds", 2);
    p.put("failureThreshold", failures);
    return p;
  }

  private static Map<String, Object> labels(Options o) {
    return map("app", o.name());
  }

  /** An insertion-ordered map of key, value pairs: the same options give the same bytes. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> document(String apiVersion, String kind, Options o, Map<String, Object> spec) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("apiVersion", apiVersion);
    d.put("kind", kind);
    d.put("metadata", map("name", o.name(), "labels", labels(o)));
    d.put("spec", spec);
    return d;
  }
}
