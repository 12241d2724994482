package io.clinicalpipeline.jobs.evaluate;

/**
 * The groups a run of tied scores touched, so that closing the run costs its own rows' groups rather than
 * all groups. Insertion order, no duplicates; {@link #clear} resets only what was added.
 */
final class TouchedGroups {

  private final int[] list;
  private final boolean[] seen;
  private int size;

  TouchedGroups(int groups) {
    list = new int[groups];
    seen = new boolean[groups];
  }

  void add(int group) {
    if (!seen[group]) {
      seen[group] = true;
      list[size++] = group;
    }
  }

  int size() {
    return size;
  }

  int get(int i) {
    return list[i];
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      seen[list[i]] = false;
    }
    size = 0;
  }
}
