package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.FacilityRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameWords.*;
import static io.clinicalpipeline.jobs.deid.PlaceRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
import static io.clinicalpipeline.jobs.deid.StreetRecogniser.*;
import static io.clinicalpipeline.jobs.deid.TextScan.*;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The recogniser registry, in the order they run. {@link #PRIMARY} read only the document; the resolver
 * then vetoes and thresholds their candidates, and {@link #CONTEXT} read the accepted spans (a postal code
 * after a found place, a name's other occurrences, a year in a sentence with a found name).
 */
final class Recognisers {

  private Recognisers() {}

  /** Weekday and month words, never names or wards. */
  static final Pattern WEEKDAYS_AND_MONTHS =
      Pattern.compile("(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|" + DateRecogniser.MONTH);

  static final List<Recogniser> PRIMARY =
      List.of(
          new Recogniser("dates", 0.9, (d, out) -> findDates(d.text(), d.tokens(), out)),
          new Recogniser("email", 0.95, (d, out) -> onlyIf(d, "@", EMAIL, PhiType.EMAIL, out)),
          new Recogniser("url", 0.9, (d, out) -> anchored(d, ".", URL, ContactRecogniser::urlStart, PhiType.URL, out)),
          new Recogniser("ip", 0.9, (d, out) -> {
            if (d.text().indexOf('.') >= 0 || d.text().indexOf(':') >= 0) {
              anchored(d, null, IP, ContactRecogniser::ipStart, PhiType.IP, out);
            }
          }),
          new Recogniser("ssn", 0.95, (d, out) -> anchored(d, null, SSN, ContactRecogniser::ssnStart, PhiType.SSN, out)),
          new Recogniser("phones", 0.85, (d, out) -> findPhones(d.text(), d.tokens(), out)),
          new Recogniser("labelled ids", 0.9, (d, out) -> findLabelledIds(d.text(), d.tokens(), d.digits(), out)),
          new Recogniser("numbers by shape", 0.7, (d, out) -> findCodeTokens(d.text(), d.tokens(), out)),
          new Recogniser("iban", 0.9, (d, out) -> anchored(d, null, IBAN, IdRecogniser::ibanStart, PhiType.ACCOUNT, out)),
          new Recogniser("streets", 0.8, (d, out) -> {
            anchored(d, null, STREET, StreetPatterns::streetStart, PhiType.ADDRESS, out);
            anchored(d, null, SECONDARY_UNIT, StreetPatterns::unitStart, PhiType.ADDRESS, out);
            anchored(d, null, PO_BOX, StreetPatterns::poBoxStart, PhiType.ADDRESS, out);
          }),
          new Recogniser("streets by word and number", 0.7,
              (d, out) -> findWordNumberAddresses(d.text(), d.tokens(), d.digits(), out)),
          new Recogniser("streets named type first", 0.75, (d, out) -> {
            if (d.digits().length > 0) {
              anchored(d, null, STREET_TYPE_FIRST, StreetPatterns::streetTypeFirstStart, PhiType.ADDRESS, out);
              anchored(d, null, STREET_TYPE_FIRST_NUMBERED, StreetPatterns::streetStart, PhiType.ADDRESS, out);
            }
            onlyIf(d, "orner of", CORNER, PhiType.ADDRESS, out);
          }),
          new Recogniser("postal codes", 0.7, (d, out) -> {
            anchored(d, null, ZIP, AddressBlocks::zipStart, PhiType.ZIP, out);
            anchored(d, null, POSTAL_CA, AddressBlocks::postalCaStart, PhiType.ZIP, out);
          }),
          new Recogniser("ages over 89", 0.9, (d, out) -> findAges(d.text(), d.tokens(), out)),
          new Recogniser("facilities", 0.8, (d, out) -> findFacilities(d.text(), d.tokens(), out)),
          new Recogniser("places by list", 0.7, (d, out) -> findPlaces(d.text(), d.tokens(), d.capitals(), out)),
          new Recogniser("names by title", 0.9, (d, out) -> findTitleNames(d.text(), d.tokens(), out)),
          new Recogniser("names by relation word", 0.85, (d, out) -> findContextNames(d.text(), d.tokens(), out)),
          new Recogniser("names by list", 0.7, (d, out) -> findListNames(d.text(), d.capitals(), out)),
          new Recogniser("names by shape", 0.7, (d, out) -> {
            if (!d.capitals()) {
              findNamePatterns(d.text(), d.tokens(), out);
            }
          }),
          new Recogniser("ward-note names", 0.8, WardNoteNames::find),
          new Recogniser("initial and surname before an action", 0.8, NameNeighbours::findInitialBeforeAction),
          new Recogniser("ward-note places", 0.75, WardNotePlaces::findPlaces),
          new Recogniser("short years", 0.7, WardNotePlaces::findShortYears),
          new Recogniser("ward-note hospitals", 0.75, WardNotePlaces::findShortNames),
          new Recogniser("ward-note phones", 0.85, WardNotePhones::find),
          new Recogniser("wards, initials and institutions", 0.75, WardNoteLocations::find),
          new Recogniser("lower-case names and places", 0.6, (d, out) -> {
            if (noCapitals(d.text())) {
              findLowerCaseNames(d.text(), out);
              findLowerCasePlaces(d.text(), out);
              findLowerCaseNamePairs(d.text(), out);
            }
          }));

  static final List<Recogniser> CONTEXT =
      List.of(
          new Recogniser("postal code after a place", 0.8, (d, out) -> findPostalCodesAfterPlaces(d.text(), out)),
          new Recogniser("name suffixes", 0.8, (d, out) -> addNameSuffixes(d.text(), out)),
          new Recogniser("surnames and names joined to found names", 0.8, (d, out) -> NameNeighbours.addNeighbours(d.text(), out)),
          new Recogniser("other occurrences of a name", 0.8, (d, out) -> propagateNames(d.text(), out)),
          new Recogniser("other occurrences of a location", 0.75, (d, out) -> WardNoteLocations.propagate(d.text(), out)),
          new Recogniser("years near identities", 0.8, (d, out) -> findYearsNearIdentities(d.text(), d.tokens(), out)));

  private static void onlyIf(NoteDocument d, String needle, Pattern p, PhiType type, List<PhiSpan> out) {
    if (d.text().contains(needle)) {
      findAll(p, d.text(), type, out);
    }
  }

  private static void anchored(
      NoteDocument d, String needle, Pattern p, AnchoredMatcher.Starts starts, PhiType type, List<PhiSpan> out) {
    if (needle == null || d.text().contains(needle)) {
      findAll(new AnchoredMatcher(p, d.text(), d.tokens(), starts), type, out);
    }
  }
}
