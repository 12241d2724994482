package io.clinicalpipeline.jobs.deid;

/**
 * A span a recogniser proposes: offsets {@code [start, end)}, its PHI type, a score in 0..1 and the
 * recogniser (and veto, if one lowered the score) that explain it.
 */
public record Candidate(int start, int end, PhiType type, double score, String source) {

  PhiSpan span() {
    return new PhiSpan(start, end, type);
  }

  Candidate scored(double newScore, String why) {
    return new Candidate(start, end, type, newScore, source + "; " + why);
  }
}
