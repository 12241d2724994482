package io.clinicalpipeline.jobs.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers the groups metrics are computed for: 0 is the whole test set; then every level of every
 * subgroup attribute, attribute by attribute in the given order, levels sorted.
 */
record SubgroupIndex(List<String> attributes, List<List<String>> levels) {

  int groupCount() {
    return 1 + levels.stream().mapToInt(List::size).sum();
  }

  /** The group index of {@code attribute}'s first level. */
  int offset(int attribute) {
    int o = 1;
    for (int a = 0; a < attribute; a++) {
      o += levels.get(a).size();
    }
    return o;
  }

  /** {@code [attribute, level]} of a group index > 0. */
  String[] describe(int group) {
    int g = group - 1;
    for (int a = 0; a < attributes.size(); a++) {
      if (g < levels.get(a).size()) {
        return new String[] {attributes.get(a), levels.get(a).get(g)};
      }
      g -= levels.get(a).size();
    }
    throw new IllegalArgumentException("no group " + group);
  }

  static SubgroupIndex of(List<String> attributes, List<List<String>> levels) {
    List<List<String>> copy = new ArrayList<>();
    levels.forEach(l -> copy.add(List.copyOf(l)));
    return new SubgroupIndex(List.copyOf(attributes), copy);
  }
}
