package io.clinicalpipeline.jobs.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A strict reader over one mapping of a YAML task spec. Every accessor remembers the key it read, so
 * {@link #finish()} can reject keys nobody asked for (a typo must not silently fall back to a default),
 * and every failure names the full dotted key, e.g. {@code label.window.end-days}.
 */
final class SpecNode {

  private final JsonNode node;
  private final String path;
  private final Set<String> read = new LinkedHashSet<>();

  SpecNode(JsonNode node, String path) {
    this.node = node;
    this.path = path;
    if (node != null && !node.isNull() && !node.isObject()) {
      throw new InvalidTaskSpecException(name(null) + " must be a mapping");
    }
  }

  private String name(String key) {
    if (key == null) {
      return path.isEmpty() ? "the task spec" : path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode value(String key) {
    read.add(key);
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String key) {
    return node != null && node.has(key) && !node.get(key).isNull();
  }

  SpecNode child(String key) {
    return new SpecNode(value(key), name(key));
  }

  String string(String key, String fallback) {
    JsonNode v = value(key);
    if (v == null) {
      if (fallback == null) {
        throw new InvalidTaskSpecException(name(key) + " is required");
      }
      return fallback;
    }
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw new InvalidTaskSpecException(name(key) + " must be a non-empty string");
    }
    return v.asText().strip();
  }

  String requiredString(String key) {
    return string(key, null);
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String v = string(key, fallback == null ? null : fallback.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    for (E e : type.getEnumConstants()) {
      if (e.name().replace('_', '-').equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new InvalidTaskSpecException(name(key) + " must be one of " + allowed + ": " + v);
  }

  int integer(String key, Integer fallback, int min, int max) {
    JsonNode v = value(key);
    if (v == null) {
      if (fallback == null) {
        throw new InvalidTaskSpecException(name(key) + " is required");
      }
      return fallback;
    }
    if (!v.isIntegralNumber()) {
      throw new InvalidTaskSpecException(name(key) + " must be an integer: " + v.asText());
    }
    return checkRange(key, v.asLong(), min, max);
  }

  private int checkRange(String key, long n, int min, int max) {
    if (n < min || n > max) {
      throw new InvalidTaskSpecException(name(key) + " must be between " + min + " and " + max + ": " + n);
    }
    return (int) n;
  }

  double number(String key, double fallback, double min, double max) {
    JsonNode v = value(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new InvalidTaskSpecException(name(key) + " must be a number: " + v.asText());
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      throw new InvalidTaskSpecException(name(key) + " must be between " + min + " and " + max + ": " + d);
    }
    return d;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = value(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new InvalidTaskSpecException(name(key) + " must be true or false: " + v.asText());
    }
    return v.asBoolean();
  }

  /** A list of non-empty strings; {@code fallback} when absent, failing when required and absent. */
  List<String> strings(String key, List<String> fallback) {
    JsonNode v = value(key);
    if (v == null) {
      if (fallback == null) {
        throw new InvalidTaskSpecException(name(key) + " is required");
      }
      return fallback;
    }
    if (!v.isArray()) {
      throw new InvalidTaskSpecException(name(key) + " must be a list");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (e == null || !e.isValueNode() || e.asText().isBlank()) {
        throw new InvalidTaskSpecException(name(key) + "[" + i + "] must be a non-empty string");
      }
      out.add(e.asText().strip());
    }
    return List.copyOf(out);
  }

  /** A list of strings each of which must be one of {@code allowed}. */
  List<String> choices(String key, List<String> allowed, List<String> fallback) {
    List<String> values = strings(key, fallback);
    for (int i = 0; i < values.size(); i++) {
      if (!allowed.contains(values.get(i))) {
        throw new InvalidTaskSpecException(name(key) + "[" + i + "] must be one of " + allowed + ": " + values.get(i));
      }
    }
    return values;
  }

  /** A non-empty list of integers within [min, max], sorted ascending and without repeats. */
  List<Integer> integers(String key, List<Integer> fallback, int min, int max) {
    JsonNode v = value(key);
    if (v == null) {
      if (fallback == null) {
        throw new InvalidTaskSpecException(name(key) + " is required");
      }
      return fallback;
    }
    if (!v.isArray() || v.isEmpty()) {
      throw new InvalidTaskSpecException(name(key) + " must be a non-empty list of integers");
    }
    Set<Integer> out = new java.util.TreeSet<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isIntegralNumber()) {
        throw new InvalidTaskSpecException(name(key) + "[" + i + "] must be an integer: " + e.asText());
      }
      if (!out.add(checkRange(key + "[" + i + "]", e.asLong(), min, max))) {
        throw new InvalidTaskSpecException(name(key) + "[" + i + "] repeats " + e.asLong());
      }
    }
    return List.copyOf(out);
  }

  /** Fails naming the first key of this mapping that no accessor asked for. */
  void finish() {
    if (node == null || node.isNull()) {
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!read.contains(k)) {
        throw new InvalidTaskSpecException("unknown key " + name(k) + " (known: " + read + ")");
      }
    }
  }
}
