package io.clinicalpipeline.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader over one YAML mapping: every read records the key as known, {@link #done()} rejects the
 * keys nobody read, and every failure names the full dotted key ({@code sagemaker.training.spot}).
 */
final class Node {

  private final String source;
  private final String path;
  private final JsonNode node;
  private final Set<String> read = new LinkedHashSet<>();

  Node(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
    if (node != null && !node.isNull() && !node.isObject()) {
      throw error(path.isEmpty() ? "the file" : path, "must be a mapping");
    }
  }

  private String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  ConfigException error(String key, String message) {
    return new ConfigException(source + ": " + key + " " + message);
  }

  private JsonNode raw(String name) {
    read.add(name);
    JsonNode v = node == null ? null : node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String name) {
    return raw(name) != null;
  }

  Node child(String name) {
    return new Node(source, key(name), raw(name));
  }

  Optional<String> string(String name) {
    JsonNode v = raw(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw error(key(name), "must be a single value");
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      throw error(key(name), "must not be empty");
    }
    return Optional.of(s);
  }

  String requireString(String name) {
    return string(name).orElseThrow(() -> error(key(name), "is required"));
  }

  String string(String name, String fallback) {
    return string(name).orElse(fallback);
  }

  String matching(String name, Pattern pattern, String what, String fallback) {
    Optional<String> v = string(name);
    if (v.isEmpty()) {
      if (fallback == null) {
        throw error(key(name), "is required (" + what + ")");
      }
      return fallback;
    }
    if (!pattern.matcher(v.get()).matches()) {
      throw error(key(name), "must be " + what + ": " + v.get());
    }
    return v.get();
  }

  String oneOf(String name, List<String> allowed, String fallback) {
    String v = string(name, fallback);
    if (!allowed.contains(v)) {
      throw error(key(name), "must be one of " + String.join("|", allowed) + ": " + v);
    }
    return v;
  }

  int integer(String name, int fallback, int min, int max) {
    JsonNode v = raw(name);
    if (v == null) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw error(key(name), "must be an integer: " + v.asText());
    }
    int i = v.asInt();
    if (i < min || i > max) {
      throw error(key(name), "must be between " + min + " and " + max + ": " + i);
    }
    return i;
  }

  double number(String name, double fallback, double min, double max) {
    JsonNode v = raw(name);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw error(key(name), "must be a number: " + v.asText());
    }
    double d = v.asDouble();
    if (d < min || d > max) {
      throw error(key(name), "must be between " + min + " and " + max + ": " + d);
    }
    return d;
  }

  boolean bool(String name, boolean fallback) {
    JsonNode v = raw(name);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw error(key(name), "must be true or false: " + v.asText());
    }
    return v.asBoolean();
  }

  List<String> strings(String name, Pattern each, String what) {
    JsonNode v = raw(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw error(key(name), "must be a list");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String s = v.get(i).asText();
      if (!v.get(i).isValueNode() || !each.matcher(s).matches()) {
        throw error(key(name) + "[" + i + "]", "must be " + what + ": " + s);
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** A mapping of scalar values, in file order. */
  Map<String, String> map(String name) {
    JsonNode v = raw(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw error(key(name), "must be a mapping");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw error(key(name) + "." + e.getKey(), "must be a single value");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** Fails on the first key of this mapping that no reader asked for (a typo, usually). */
  void done() {
    if (node == null) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!read.contains(name)) {
        throw error(key(name), "is not a known key" + (read.isEmpty() ? "" : " (known: " + String.join(", ", read) + ")"));
      }
    }
  }
}
