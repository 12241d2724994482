package io.clinicalpipeline.launch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.jobs.score.ApprovalStatus;
import io.clinicalpipeline.jobs.score.ModelVersion;
import io.clinicalpipeline.launch.local.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local model registry: a folder of model package groups, each with numbered versions
 * ({@code <root>/<group>/<version>/}, laid out as {@link ModelVersion}), and {@code index.json} listing
 * every version with its status, rebuilt from the versions' {@code version.json} after each change and
 * written by rename. Registering content identical to an existing version of the group (same
 * {@code ContentSha256}: every file but {@code version.json}) returns that version.
 *
 * <p>Approval follows SageMaker's: a version starts {@code PendingManualApproval} (or the configured
 * status); {@code approve} and {@code reject} move it to {@code Approved} or {@code Rejected}, from
 * either other status; nothing returns to pending. Each change is appended to the version's history.
 */
public final class ModelRegistry {

  public static final String INDEX = "index.json";
  public static final String CONTENT_FIELD = "ContentSha256";
  public static final String METRICS_FIELD = "ModelMetrics";
  public static final String HISTORY_FIELD = "ApprovalHistory";
  static final Pattern GROUP = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  public ModelRegistry(Path root) {
    this.root = root;
  }

  /** What a registration did. */
  public record Registration(ModelVersion version, boolean created) {}

  /**
   * Registers {@code files} (relative name in the version -> source file) as a new version of
   * {@code group}, unless a version with the same content exists.
   */
  public Registration register(String group, Map<String, Path> files, ApprovalStatus initial) throws IOException {
    requireGroup(group);
    String content = contentDigest(files);
    for (ModelVersion v : versions(group)) {
      if (content.equals(read(v).path(CONTENT_FIELD).asText())) {
        return new Registration(v, false);
      }
    }
    int number = versions(group).stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
    Path dir = root.resolve(group).resolve(Integer.toString(number));
    Path staging = root.resolve(group).resolve("." + number + ".writing");
    deleteTree(staging);
    for (Map.Entry<String, Path> f : files.entrySet()) {
      Path target = staging.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.copy(f.getValue(), target);
    }
    ObjectNode v = JSON.createObjectNode();
    v.put(ModelVersion.GROUP_FIELD, group);
    v.put(ModelVersion.VERSION_FIELD, number);
    v.put(ModelVersion.STATUS_FIELD, initial.label());
    v.put(CONTENT_FIELD, content);
    v.set(METRICS_FIELD, metrics(files.get(ModelVersion.EVALUATION)));
    v.putArray(HISTORY_FIELD);
    Files.writeString(staging.resolve(ModelVersion.VERSION_JSON), JSON.writeValueAsString(v) + "\n");
    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    writeIndex();
    return new Registration(ModelVersion.read(dir), true);
  }

  /** Every group's versions, by group then number. */
  public List<ModelVersion> list() throws IOException {
    List<ModelVersion> out = new ArrayList<>();
    for (String g : groups()) {
      out.addAll(versions(g));
    }
    return out;
  }

  public List<String> groups() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> GROUP.matcher(n).matches()).sorted().toList();
    }
  }

  /** The versions of {@code group}, oldest first. */
  public List<ModelVersion> versions(String group) throws IOException {
    Path g = root.resolve(group);
    if (!Files.isDirectory(g)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(g)) {
      return s.filter(p -> p.getFileName().toString().matches("[1-9][0-9]*"))
          .map(ModelVersion::read).sorted(Comparator.comparingInt(ModelVersion::version)).toList();
    }
  }

  /** The version {@code number} of {@code group}, or the group's only group when {@code group} is empty. */
  public ModelVersion find(Optional<String> group, int number) throws IOException {
    String g = group.orElseGet(this::onlyGroup);
    return versions(g).stream().filter(v -> v.version() == number).findFirst()
        .orElseThrow(() -> new JobException("no version " + number + " in model package group " + g));
  }

  /** The content of {@code version.json}. */
  public JsonNode read(ModelVersion v) throws IOException {
    return JSON.readTree(v.dir().resolve(ModelVersion.VERSION_JSON).toFile());
  }

  /** Sets the approval status, recording when and why; the same status again changes nothing. */
  public ModelVersion decide(ModelVersion v, ApprovalStatus status, String description) throws IOException {
    if (status == ApprovalStatus.PENDING_MANUAL_APPROVAL) {
      throw new JobException("a version cannot return to " + status.label());
    }
    if (v.status() == status) {
      return v;
    }
    ObjectNode json = (ObjectNode) read(v);
    json.put(ModelVersion.STATUS_FIELD, status.label());
    ObjectNode change = ((ArrayNode) json.withArray(HISTORY_FIELD)).addObject();
    change.put("From", v.status().label());
    change.put(ModelVersion.STATUS_FIELD, status.label());
    change.put("Time", Instant.now().toString());
    if (description != null && !description.isBlank()) {
      change.put("ApprovalDescription", description);
    }
    writeAtomically(v.dir().resolve(ModelVersion.VERSION_JSON), JSON.writeValueAsString(json) + "\n");
    writeIndex();
    return ModelVersion.read(v.dir());
  }

  private String onlyGroup() {
    try {
      List<String> gs = groups();
      if (gs.size() != 1) {
        throw new JobException("the registry has " + gs.size() + " model package groups " + gs + ": pass --group");
      }
      return gs.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rebuilds {@code index.json} from the versions. */
  void writeIndex() throws IOException {
    ObjectNode index = JSON.createObjectNode();
    ArrayNode groups = index.putArray("ModelPackageGroups");
    for (String g : groups()) {
      ObjectNode group = groups.addObject();
      group.put(ModelVersion.GROUP_FIELD, g);
      ArrayNode list = group.putArray("ModelPackageVersions");
      for (ModelVersion v : versions(g)) {
        JsonNode json = read(v);
        ObjectNode e = list.addObject();
        e.put(ModelVersion.VERSION_FIELD, v.version());
        e.put(ModelVersion.STATUS_FIELD, v.status().label());
        e.put(CONTENT_FIELD, json.path(CONTENT_FIELD).asText());
        e.set(METRICS_FIELD, json.path(METRICS_FIELD));
      }
    }
    writeAtomically(root.resolve(INDEX), JSON.writeValueAsString(index) + "\n");
  }

  /** SHA-256 over each file's name in the version and its content's SHA-256, in name order. */
  static String contentDigest(Map<String, Path> files) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Path> f : new TreeMap<>(files).entrySet()) {
      sb.append(f.getKey()).append(' ').append(Digests.content(f.getValue())).append('\n');
    }
    return Manifest.sha256(sb.toString());
  }

  /** The numeric values of evaluation.json's {@code binary_classification_metrics} (name -> value). */
  private static ObjectNode metrics(Path evaluation) throws IOException {
    ObjectNode out = JSON.createObjectNode();
    if (evaluation == null) {
      return out;
    }
    JsonNode block;
    try {
      block = JSON.readTree(evaluation.toFile()).path("binary_classification_metrics");
    } catch (IOException e) {
      throw new InputException(evaluation + ": not valid JSON (" + e.getClass().getSimpleName() + ")");
    }
    block.fields().forEachRemaining(e -> {
      JsonNode value = e.getValue().path("value");
      if (value.isNumber()) {
        out.put(e.getKey(), value.asDouble());
      }
    });
    return out;
  }

  private static void requireGroup(String group) {
    if (group == null || !GROUP.matcher(group).matches()) {
      throw new JobException("model package group must be 1-63 letters, digits and hyphens");
    }
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
