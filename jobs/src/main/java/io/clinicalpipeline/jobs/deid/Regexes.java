package io.clinicalpipeline.jobs.deid;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** {@code String.matches} without compiling the pattern on every call: each regex is compiled once per JVM. */
final class Regexes {

  private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Regexes() {}

  static boolean matches(String s, String regex) {
    return CACHE.computeIfAbsent(regex, Pattern::compile).matcher(s).matches();
  }
}
