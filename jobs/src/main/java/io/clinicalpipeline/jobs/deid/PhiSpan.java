package io.clinicalpipeline.jobs.deid;

/** A PHI span found in a text: character offsets {@code [start, end)} into the input, and its type. */
public record PhiSpan(int start, int end, PhiType type) implements Comparable<PhiSpan> {

  public PhiSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(PhiSpan o) {
    return start < o.end && o.start < end;
  }

  @Override
  public int compareTo(PhiSpan o) {
    int c = Integer.compare(start, o.start);
    return c != 0 ? c : Integer.compare(o.end, end);
  }
}
