package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The one resolution stage: every candidate gets its veto (lowering its score), then the detector keeps
 * those at or above its threshold, and overlapping spans are merged into one (the longest part names it).
 */
final class Resolver {

  private Resolver() {}

  /** The candidates with their final scores; a vetoed candidate says which veto in its source. */
  static List<Candidate> score(NoteDocument doc, List<Candidate> candidates, AllowList allow) {
    List<Candidate> out = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      String veto = Vetoes.veto(doc, c, allow);
      out.add(veto == null ? c : c.scored(c.score() * Vetoes.PENALTY, "veto: " + veto));
    }
    return out;
  }

  /** Unions overlapping spans; the merged span takes the type of its longest part (ties: priority). */
  static List<PhiSpan> merge(String text, List<PhiSpan> spans) {
    if (spans.isEmpty()) {
      return List.of();
    }
    List<PhiSpan> sorted = new ArrayList<>(spans);
    sorted.sort(null);
    List<PhiSpan> out = new ArrayList<>();
    PhiSpan cur = sorted.get(0);
    PhiSpan best = cur;
    for (int k = 1; k < sorted.size(); k++) {
      PhiSpan s = sorted.get(k);
      if (s.start() < cur.end()) {
        if (s.length() > best.length() || s.length() == best.length() && s.type().priority() < best.type().priority()) {
          best = s;
        }
        cur = new PhiSpan(cur.start(), Math.max(cur.end(), s.end()), best.type());
      } else {
        out.add(trim(text, cur));
        cur = s;
        best = s;
      }
    }
    out.add(trim(text, cur));
    out.removeIf(s -> s.length() == 0);
    return joinNeighbours(text, extendAddresses(text, out));
  }

  static PhiSpan trim(String text, PhiSpan s) {
    int a = s.start();
    int b = Math.min(s.end(), text.length());
    while (a < b && Character.isWhitespace(text.charAt(a))) {
      a++;
    }
    while (b > a && (Character.isWhitespace(text.charAt(b - 1)) || text.charAt(b - 1) == ',')) {
      b--;
    }
    return new PhiSpan(a, b, s.type());
  }
}
