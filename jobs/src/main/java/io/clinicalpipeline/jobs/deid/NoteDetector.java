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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The note de-identifier: builds the document, runs the recognisers, resolves their candidates. */
public final class NoteDetector {

  private final Lexicon lexicon;

  public NoteDetector(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Every PHI span in {@code text}, merged (no two overlap), in text order. */
  public List<PhiSpan> detect(String text, KnownIdentifiers known) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    text = greekLookAlikes(text);
    List<PhiSpan> spans = new ArrayList<>();
    boolean caps = mostlyCapitals(text);
    AnchoredMatcher.Tokens tokens = AnchoredMatcher.Tokens.of(text);
    int[] digits = digitStarts(text, tokens);
    findDates(text, tokens, spans);
    if (text.indexOf('@') >= 0) {
      findAll(EMAIL, text, PhiType.EMAIL, spans);
    }
    boolean dots = text.indexOf('.') >= 0;
    if (dots) {
      findAll(new AnchoredMatcher(URL, text, tokens, ContactRecogniser::urlStart), PhiType.URL, spans);
    }
    if (dots || text.indexOf(':') >= 0) {
      findAll(new AnchoredMatcher(IP, text, tokens, ContactRecogniser::ipStart), PhiType.IP, spans);
    }
    findAll(new AnchoredMatcher(SSN, text, tokens, ContactRecogniser::ssnStart), PhiType.SSN, spans);
    findPhones(text, tokens, spans);
    findLabelledIds(text, tokens, digits, spans);
    findCodeTokens(text, tokens, spans);
    findAll(new AnchoredMatcher(IBAN, text, tokens, IdRecogniser::ibanStart), PhiType.ACCOUNT, spans);
    findAll(new AnchoredMatcher(STREET, text, tokens, StreetPatterns::streetStart), PhiType.ADDRESS, spans);
    findAll(new AnchoredMatcher(SECONDARY_UNIT, text, tokens, StreetPatterns::unitStart), PhiType.ADDRESS, spans);
    findAll(new AnchoredMatcher(PO_BOX, text, tokens, StreetPatterns::poBoxStart), PhiType.ADDRESS, spans);
    findWordNumberAddresses(text, tokens, digits, spans);
    if (digits.length > 0) {
      findAll(new AnchoredMatcher(STREET_TYPE_FIRST, text, tokens, StreetPatterns::streetTypeFirstStart), PhiType.ADDRESS, spans);
      findAll(new AnchoredMatcher(STREET_TYPE_FIRST_NUMBERED, text, tokens, StreetPatterns::streetStart), PhiType.ADDRESS, spans);
    }
    if (text.indexOf("orner of") >= 0) {
      findAll(CORNER, text, PhiType.ADDRESS, spans);
    }
    findAll(new AnchoredMatcher(ZIP, text, tokens, AddressBlocks::zipStart), PhiType.ZIP, spans);
    findAll(new AnchoredMatcher(POSTAL_CA, text, tokens, AddressBlocks::postalCaStart), PhiType.ZIP, spans);
    findAges(text, tokens, spans);
    findFacilities(text, tokens, spans);
    findPlaces(text, tokens, caps, spans);
    findPostalCodesAfterPlaces(text, spans);
    findNames(text, tokens, caps, spans);
    if (!caps) {
      findNamePatterns(text, tokens, spans);
    }
    if (noCapitals(text)) {
      findLowerCaseNames(text, spans);
      findLowerCasePlaces(text, spans);
      findLowerCaseNamePairs(text, spans);
    }
    addNameSuffixes(text, spans);
    propagateNames(text, spans);
    spans.addAll(known.find(text, lexicon));
    findYearsNearIdentities(text, tokens, spans);
    return merge(text, spans);
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
    int upper = 0;
    int lower = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isUpperCase(c)) {
        upper++;
      } else if (Character.isLowerCase(c)) {
        lower++;
      }
    }
    return upper > 20 && upper > 4 * lower;
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

  private static PhiSpan trim(String text, PhiSpan s) {
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
