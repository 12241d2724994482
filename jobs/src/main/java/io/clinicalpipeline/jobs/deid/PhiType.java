package io.clinicalpipeline.jobs.deid;

/** The kinds of PHI the note de-identifier finds; {@link #tag()} is the bracketed replacement. */
public enum PhiType {
  DATE,
  SSN,
  PHONE,
  FAX,
  EMAIL,
  URL,
  IP,
  MRN,
  ACCOUNT,
  LICENSE,
  ID,
  ADDRESS,
  ZIP,
  NAME,
  LOCATION,
  AGE;

  /** The bracketed tag that replaces a span of this type in {@code tags} mode, e.g. {@code [NAME]}. */
  public String tag() {
    return "[" + name() + "]";
  }

  /** Merge priority: when spans of two types overlap, the lower value names the merged span. */
  int priority() {
    return ordinal();
  }
}
