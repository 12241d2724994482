package io.clinicalpipeline.common.options;

import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict parser for {@code --name value}, {@code --name=value} and {@code --flag} arguments,
 * shared by every job's {@code XOptions.parse}. Unknown flags and missing values fail naming the flag.
 */
public final class Args {

  private final Map<String, List<String>> values;
  private final Set<String> flags;

  private Args(Map<String, List<String>> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  /**
   * Parses {@code args}; {@code valued} names the options that take a value, {@code switches} those that
   * do not. Both without the leading dashes.
   */
  public static Args parse(String[] args, Set<String> valued, Set<String> switches) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Set<String> flags = new java.util.LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument '" + a + "' (options start with --)");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (switches.contains(name)) {
        if (value != null) {
          throw new UsageException("--" + name + " takes no value");
        }
        flags.add(name);
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new UsageException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new Args(values, flags);
  }

  public boolean has(String name) {
    return flags.contains(name) || values.containsKey(name);
  }

  public String get(String name) {
    List<String> v = values.get(name);
    return v == null ? null : v.get(v.size() - 1);
  }

  public String get(String name, String fallback) {
    String v = get(name);
    return v == null ? fallback : v;
  }

  public String require(String name) {
    String v = get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public int intValue(String name, int fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer: " + v);
    }
  }

  public long longValue(String name, long fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer: " + v);
    }
  }

  public double doubleValue(String name, double fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number: " + v);
    }
  }
}
