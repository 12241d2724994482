package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
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
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Postal codes, and address blocks that go on over lines and comma parts of places and postal codes. */
final class AddressBlocks {

  private AddressBlocks() {}

  static final Pattern ZIP =
      Pattern.compile(
          "(?i)(?<=\\b(?:zip|zip code|postal code|zipcode|postcode)(?:\\s{1,2}(?:is|was))?\\s{0,2}:?\\s{0,2})"
              + "(?:\\d{3} \\d{2}\\b|\\d{4} ?(?-i:[A-Z]{2})\\b|\\d{3,5}(?:-\\d{3,4})?\\b)"
              + "|(?<=\\b[A-Z]{2}\\s{1,2})\\d{5}(?:-\\d{4})?\\b");

  /** A Canadian postal code ("K1A 0B1"): letter, digit, letter, digit, letter, digit. */
  static final Pattern POSTAL_CA =
      Pattern.compile("\\b[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d\\b");

  /** A postal code right after a place: "in Arendal 4844", "Lund 223 62"; not a year. */
  static final Pattern POSTAL_AFTER_PLACE =
      Pattern.compile("^[ \\t]+(?!(?:19|20)\\d\\d\\b)(\\d{4,5}(?:-\\d{3,4})?|\\d{3} \\d{2})\\b(?![.,/-]?\\d)");

  /** Three to five digits. */
  static boolean zipStart(String t, int i) {
    if (!digitStart(t, i)) {
      return false;
    }
    int run = digitRun(t, i);
    return run >= 3 && run <= 5;
  }

  /** A capital letter followed by a digit, at the start of a word. */
  static boolean postalCaStart(String t, int i) {
    return i + 1 < t.length() && t.charAt(i) >= 'A' && t.charAt(i) <= 'Z' && asciiDigit(t.charAt(i + 1))
        && (i == 0 || !asciiWordChar(t.charAt(i - 1)));
  }

  /** A number of four or five digits (or "ddd dd") just after a place found so far is its postal code. */
  static void findPostalCodesAfterPlaces(String text, List<PhiSpan> spans) {
    addAfterSpans(text, spans, PhiType.LOCATION, POSTAL_AFTER_PLACE, (s, m) -> new PhiSpan(m.start(1), m.end(1), PhiType.ZIP));
    addAfterSpans(text, spans, PhiType.LOCATION, DISTRICT_NUMBER, (s, m) -> new PhiSpan(s.start(), m.end(), PhiType.LOCATION));
  }

  /** An address block goes on over following lines or comma parts that are places and postal codes. */
  static List<PhiSpan> extendAddresses(String text, List<PhiSpan> spans) {
    List<PhiSpan> out = new ArrayList<>(spans.size());
    for (PhiSpan s : spans) {
      if (s.type() != PhiType.ADDRESS) {
        out.add(s);
        continue;
      }
      int end = s.end();
      int start = s.start();
      Matcher before = NUMBER_BEFORE.matcher(text).region(Math.max(0, start - 8), start);
      if (before.find()) {
        start = before.start();
      }
      if (ENDS_WITH_UNIT.matcher(text).region(start, end).find()) {
        Matcher m = lookingAtFrom(UNIT_LINE_TAIL, text, end);
        if (m != null) {
          end = m.end(1);
        }
      }
      for (int k = 0; k < 5; k++) {
        Matcher m = ADDRESS_TAIL.matcher(text).region(end, text.length());
        if (!m.lookingAt()) {
          m = ADDRESS_LINE_END.matcher(text).region(end, text.length());
          if (!m.lookingAt()) {
            break;
          }
        }
        end = m.end();
      }
      out.add(new PhiSpan(start, end, s.type()));
    }
    out.sort(null);
    // extension may now overlap later spans: merge those into the address
    List<PhiSpan> merged = new ArrayList<>(out.size());
    for (PhiSpan s : out) {
      if (!merged.isEmpty() && s.start() < merged.get(merged.size() - 1).end()) {
        PhiSpan last = merged.remove(merged.size() - 1);
        merged.add(new PhiSpan(last.start(), Math.max(last.end(), s.end()), last.type()));
      } else {
        merged.add(s);
      }
    }
    return merged;
  }

  /** One comma part of one to three words between two place spans: ", belfast, ". */
  static final Pattern TOWN_BETWEEN = Pattern.compile(",[ ]*\\p{L}[\\p{L}'’.-]*(?:[ ]\\p{L}[\\p{L}'’.-]*){0,2}[ ]*,[ ]*");

  /** A district number after a place, before the clause ends: "in Cheb 2, which ...". */
  static final Pattern DISTRICT_NUMBER = Pattern.compile("^[ ]\\d{1,2}(?=[,;]|\\.(?:\\s|$)|$)");

  /** "123 Elm St, Boston, MA" is one address: joins geographic spans separated only by commas or spaces. */
  static List<PhiSpan> joinNeighbours(String text, List<PhiSpan> spans) {
    List<PhiSpan> out = new ArrayList<>(spans.size());
    for (PhiSpan s : spans) {
      if (!out.isEmpty()) {
        PhiSpan last = out.get(out.size() - 1);
        String gap = text.substring(last.end(), s.start());
        // "12 Elm St, Oakvale, Ruritania": a comma part between two places is a town too
        boolean geo = isGeo(last.type()) && isGeo(s.type())
            && (gap.length() <= 4 && Regexes.matches(gap, "[\\s,]*") || gap.length() <= 36 && TOWN_BETWEEN.matcher(gap).matches());
        boolean names = last.type() == PhiType.NAME && s.type() == PhiType.NAME && Regexes.matches(gap, " ?");
        if (geo || names) {
          PhiType t = last.type() == PhiType.ADDRESS || s.type() == PhiType.ADDRESS ? PhiType.ADDRESS : last.type();
          out.set(out.size() - 1, new PhiSpan(last.start(), s.end(), t));
          continue;
        }
      }
      out.add(s);
    }
    return out;
  }

  static boolean isGeo(PhiType t) {
    return t == PhiType.ADDRESS || t == PhiType.LOCATION || t == PhiType.ZIP;
  }
}
