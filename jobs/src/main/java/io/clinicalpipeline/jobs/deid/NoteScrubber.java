package io.clinicalpipeline.jobs.deid;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Detects and replaces PHI in one text: typed surrogates (dates shifted by the patient's offset or cut to
 * the year) or bracketed tags. One instance per partition; not thread-safe (the key's MAC is reused).
 */
public final class NoteScrubber {

  private final NoteDetector detector;
  private final ReplacementMode mode;
  private final DatePolicy datePolicy;
  private final Surrogates surrogates;

  /** {@code key} may be null only in {@link ReplacementMode#TAGS} mode. */
  public NoteScrubber(Lexicon lexicon, ReplacementMode mode, DatePolicy datePolicy, PseudonymKey key) {
    this(new NoteDetector(lexicon), mode, datePolicy, key);
  }

  /** With a configured detector (user rules, threshold). */
  NoteScrubber(NoteDetector detector, ReplacementMode mode, DatePolicy datePolicy, PseudonymKey key) {
    if (mode == ReplacementMode.SURROGATES && key == null) {
      throw new IllegalArgumentException("surrogates need a key");
    }
    Lexicon lexicon = Lexicon.get();
    this.detector = detector;
    this.mode = mode;
    this.datePolicy = datePolicy;
    this.surrogates = key == null ? null : new Surrogates(key, lexicon);
  }

  /** The result of scrubbing one text: the new text, the spans found in the input, and counts per type. */
  public record Result(String text, List<PhiSpan> spans) {
    public Map<PhiType, Integer> counts() {
      Map<PhiType, Integer> m = new EnumMap<>(PhiType.class);
      for (PhiSpan s : spans) {
        m.merge(s.type(), 1, Integer::sum);
      }
      return m;
    }
  }

  public List<PhiSpan> detect(String text, KnownIdentifiers known) {
    return detector.detect(text, known);
  }

  /**
   * @param scope a pseudonymous patient scope for consistent surrogates (e.g. the patient pseudonym)
   * @param shiftDays the patient's date offset (shift policy)
   * @param defaultYear the year assumed for dates written without one
   */
  public Result scrub(String text, KnownIdentifiers known, String scope, int shiftDays, int defaultYear) {
    if (text == null) {
      return new Result(null, List.of());
    }
    List<PhiSpan> spans = detector.detect(text, known);
    StringBuilder out = new StringBuilder(text.length() + 16);
    int pos = 0;
    for (PhiSpan s : spans) {
      out.append(text, pos, s.start());
      out.append(replacement(text.substring(s.start(), s.end()), s.type(), scope, shiftDays, defaultYear));
      pos = s.end();
    }
    out.append(text, pos, text.length());
    return new Result(out.toString(), spans);
  }

  private String replacement(String original, PhiType type, String scope, int shiftDays, int defaultYear) {
    if (type == PhiType.DATE) {
      if (mode == ReplacementMode.TAGS && datePolicy == DatePolicy.SHIFT) {
        return type.tag();
      }
      String d = NoteDates.rewrite(original, shiftDays, datePolicy == DatePolicy.SAFE_HARBOR, defaultYear);
      return d == null ? type.tag() : d;
    }
    if (mode == ReplacementMode.TAGS) {
      return type.tag();
    }
    return surrogates.replace(scope, original, type);
  }
}
