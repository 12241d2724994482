package io.clinicalpipeline.launch.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@code --name value} argument lists, one item per word, skipping absent options. */
final class ArgList {
  private final List<String> items = new ArrayList<>();

  ArgList add(String name, String value) {
    if (value != null) {
      items.add("--" + name);
      items.add(value);
    }
    return this;
  }

  ArgList add(String name, Optional<String> value) {
    return add(name, value.orElse(null));
  }

  ArgList flag(String name, boolean on) {
    if (on) {
      items.add("--" + name);
    }
    return this;
  }

  List<String> build() {
    return List.copyOf(items);
  }
}
