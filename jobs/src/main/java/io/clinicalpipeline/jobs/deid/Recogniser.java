package io.clinicalpipeline.jobs.deid;

import java.util.List;

/**
 * One single-purpose recogniser: a name (shown by {@code --explain}), the score its spans start with, and
 * the search, which adds spans of its kind to {@code out}.
 */
record Recogniser(String name, double score, Finder finder) {

  /** Finds spans in a document; {@code out} may hold spans found so far (context recognisers read them). */
  @FunctionalInterface
  interface Finder {
    void find(NoteDocument doc, List<PhiSpan> out);
  }
}
