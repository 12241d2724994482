package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;
import static io.clinicalpipeline.jobs.deid.FacilityRecogniser.*;
import static io.clinicalpipeline.jobs.deid.PlaceRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NamePatterns.*;
import static io.clinicalpipeline.jobs.deid.TextScan.*;
import static io.clinicalpipeline.jobs.deid.StreetRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameWords.*;
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;

import java.util.ArrayList;
import java.util.List;

/** The note de-identifier: builds the document, runs the recognisers, resolves their candidates. */
public final class NoteDetector {

  /** The default score threshold: candidates below it are dropped (see DEID.md for the curve). */
  public static final double DEFAULT_THRESHOLD = 0.5;

  private final Lexicon lexicon;
  private final UserRules rules;
  private final AllowList allow;
  private final double threshold;

  public NoteDetector(Lexicon lexicon) {
    this(lexicon, UserRules.NONE, DEFAULT_THRESHOLD);
  }

  NoteDetector(Lexicon lexicon, UserRules rules, double threshold) {
    this.lexicon = lexicon;
    this.rules = rules;
    this.allow = AllowList.with(rules.allowWords());
    this.threshold = threshold;
  }

  /** What was found in one text: the merged spans and every candidate behind them (for --explain). */
  public record Detection(List<PhiSpan> spans, List<Candidate> candidates) {}

  /** Every PHI span in {@code text}, merged (no two overlap), in text order. */
  public List<PhiSpan> detect(String text, KnownIdentifiers known) {
    return detectExplained(text, known).spans();
  }

  /**
   * The pipeline: the document model, the primary recognisers, one resolution (vetoes lower scores, one
   * threshold keeps or drops), the context recognisers over the kept spans, and the merge.
   */
  public Detection detectExplained(String text, KnownIdentifiers known) {
    if (text == null || text.isEmpty()) {
      return new Detection(List.of(), List.of());
    }
    NoteDocument doc = new NoteDocument(greekLookAlikes(text));
    List<Candidate> candidates = new ArrayList<>();
    for (Recogniser r : Recognisers.PRIMARY) {
      run(r, doc, new ArrayList<>(), candidates);
    }
    if (rules.hasDeny()) {
      run(rules.denyRecogniser(), doc, new ArrayList<>(), candidates);
    }
    for (PhiSpan s : known.find(doc.text(), lexicon)) {
      candidates.add(new Candidate(s.start(), s.end(), s.type(), 1.0, "patient's own identifiers"));
    }
    List<Candidate> scored = Resolver.score(doc, candidates, allow);
    List<PhiSpan> kept = new ArrayList<>();
    for (Candidate c : scored) {
      if (c.score() >= threshold) {
        kept.add(c.span());
      }
    }
    for (Recogniser r : Recognisers.CONTEXT) {
      List<PhiSpan> grown = new ArrayList<>(kept);
      r.finder().find(doc, grown);
      List<Candidate> added = new ArrayList<>();
      for (PhiSpan s : grown.subList(kept.size(), grown.size())) {
        added.add(new Candidate(s.start(), s.end(), s.type(), r.score(), r.name()));
      }
      for (Candidate c : Resolver.score(doc, added, allow)) {
        scored.add(c);
        if (c.score() >= threshold) {
          kept.add(c.span());
        }
      }
    }
    return new Detection(Resolver.merge(doc.text(), kept), scored);
  }

  private static void run(Recogniser r, NoteDocument doc, List<PhiSpan> found, List<Candidate> out) {
    r.finder().find(doc, found);
    for (PhiSpan s : found) {
      out.add(new Candidate(s.start(), s.end(), s.type(), r.score(), r.name()));
    }
  }

  /** Mathematical look-alikes of Greek letters ("∆", "∑", "∏") and the capital and small letters they stand for. */
  private static final String GREEK_LOOK_ALIKES = "\u2206\u2211\u220F";

  private static final String GREEK_CAPITALS = "\u0394\u03A3\u03A0";

  private static final String GREEK_SMALL = "\u03B4\u03C3\u03C0";

  /**
   * Greek letters typed with their mathematical look-alikes (a symbol font's "∆" for "Δ") are letters of the
   * words they stand in: small after a small letter ("φλαμου∆ι"), else capital. One character for one, so
   * offsets stay.
   */
  static String greekLookAlikes(String text) {
    if (text.indexOf('\u2206') < 0 && text.indexOf('\u2211') < 0 && text.indexOf('\u220F') < 0) {
      return text;
    }
    char[] cs = text.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      int k = GREEK_LOOK_ALIKES.indexOf(cs[i]);
      if (k >= 0) {
        boolean small = i > 0 && Character.isLowerCase(cs[i - 1]);
        cs[i] = (small ? GREEK_SMALL : GREEK_CAPITALS).charAt(k);
      }
    }
    return new String(cs);
  }

  static boolean sentenceStart(String text, int start) {
    int i = start - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '"' || text.charAt(i) == '(')) {
      i--;
    }
    if (i < 0) {
      return true;
    }
    char c = text.charAt(i);
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '#' || c == '-' || c == '*';
  }

  static boolean mostlyCapitals(String text) {
    return CaseProfile.of(text) == CaseProfile.CAPITALS;
  }




}
