package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
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
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.regex.Pattern;

/** Street address patterns (US and type-first forms, units, PO boxes) and where each can start. */
final class StreetPatterns {

  private StreetPatterns() {}

  static final String STREET_TYPES =
      "(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|terrace|ter|circle|cir"
          + "|highway|hwy|parkway|pkwy|square|sq|trail|trl|way|alley|aly|crossing|xing|loop|pike|turnpike|expressway"
          + "|freeway|row|run|path|walk|plaza|park|point|pt|ridge|view|heights|hollow|harbor|landing|manor|mews"
          + "|gardens|grove|glen|green|crescent|close|causeway|bypass|extension|junction|quay|station|camp|center"
          + "|corner|course|dale|estate|forge|fork|gateway|haven|highlands|knoll|lodge|meadow|mill|mission|neck"
          + "|orchard|passage|pathway|ranch|rapid|rest|route|stravenue|throughway|trace|track|trafficway|trailer"
          + "|union|vale|village|ville|vista|wall|well|wynd|annex|approach|bridge|crossroad|dam|esplanade|ferry"
          + "|mall|overpass|port|promenade|ramp|skyway|spur|tunnel|underpass|viaduct|arcade|bay|branch|brook|burg"
          + "|byway|club|common|divide|flat|fort|gate|light|loaf|lock|parade|strasse|straße|utca|u\\.|katu|tie|gatan|vej)";

  static final Pattern STREET =
      Pattern.compile(
          "\\b\\d{1,6}[A-Za-z]?(?:[ \\t]+\\d{1,4})?[ \\t]+(?:[NSEW]\\.?[ \\t]+)?(?:[\\p{Lu}\\d][\\p{L}\\d'’.-]*[ \\t]+){0,4}(?i:"
              + STREET_TYPES
              + ")\\b\\.?(?:,?\\s*(?i:apt|apartment|suite|ste|unit|#|room|fl|floor)\\.?\\s*#?\\s*[\\w-]+)?");

  static final Pattern SECONDARY_UNIT =
      Pattern.compile("(?i)\\b(?:apt|apartment|suite|ste|unit)\\b\\.?\\s*#?\\s*\\d+[a-z]?\\b");

  static final Pattern PO_BOX =
      Pattern.compile(
          "(?i)\\b(?:p\\.?\\s?o\\.?\\s*box|post office box|(?:psc|cmr|unit)\\s+\\d{3,5},?\\s*box)\\s+\\d+"
              + "|\\b(?:USNS|USNV|USS|USCGC)\\s+\\p{Lu}[\\p{L}]+(?:\\s+\\p{Lu}[\\p{L}]+)?"
              + "|\\b(?:APO|FPO|DPO)\\s+(?:AA|AE|AP)\\s+\\d{5}");

  /** Word followed by a house number ("Via Roma 12"), for unknown words only. */
  static final Pattern WORD_NUMBER =
      Pattern.compile("\\b(\\p{Lu}[\\p{L}'’.-]+(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|\\p{Ll}[\\p{L}'’.-]*)){0,3})\\s+(\\d{1,5}[A-Za-z]?)\\b(?![-/]|\\s*(?:[%/.,]\\d|mg|mcg|g\\b|kg|ml|mm|cm|units?|iu|years?|yrs?|yo|y/o|days?|weeks?|months?|hours?|times|x\\b|%))");

  /** "on" or "at" (or "side of") right before a street name: "is on Peter Vosstraat 18." */
  static final Pattern STREET_PREPOSITION_BEFORE = Pattern.compile("(?:^|[^\\p{L}])(?:on|at|side of)[ ]+$");

  /** A clause ends after a house number: a stop, a comma, a question mark, the line's end. */
  static final Pattern CLAUSE_END_AFTER = Pattern.compile("^[.,;!?]?[ \\t]*(?:[,;!?\\n]|$)|^\\.(?:\\s|$)");

  static final Pattern TRAILING_INITIAL = Pattern.compile("^\\s[\\p{Lu}]\\.");

  static final Pattern HOUSE_NUMBER_BEFORE = Pattern.compile("\\b\\d{1,6}\\s+$");

  /** One more line or comma-separated part of an address block: a place, a region code, a postal code. */
  /** Small words after a street type: "Rue de la Gare", "Via dei Mille", "Rua dos Anjos". */
  static final String STREET_PARTICLES = "de|del|della|dei|degli|delle|dello|di|da|do|dos|das|du|des|la|le|les|al|el";

  /** Streets named type first ("Rue de la Gare", "Via Roma", "ul. Miła", Spanish "C/ Mayor"), with a house number before or after. */
  static final Pattern STREET_TYPE_FIRST =
      Pattern.compile(
          "(?:\\b\\d{1,6}[A-Za-z]?\\s+)?\\b(?:Rue|Via|Viale|Corso|Piazza|Calle|Carrer|Avenida|Avda\\.|Paseo|Camino|Plaza|Strada|Rua|Travessa|Largo|"
              + "Praça|Chemin|Allée|Ulica|ul\\.|Aleja|al\\.|C/(?=[ ]?\\p{Lu}[\\p{L}'’.-]*(?:[ ](?:\\p{Lu}[\\p{L}'’.-]*|" + STREET_PARTICLES + "|e|y)){0,4}[ ]\\d{1,5}\\b))\\s*(?<=\\s|/)(?:(?:" + STREET_PARTICLES + ")\\s+){0,2}\\p{Lu}[\\p{L}'’.-]*"
              + "(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|" + STREET_PARTICLES + "|e|y))*(?:\\s+\\d{1,5}[A-Za-z]?\\b)?");

  /** The same after a house number, in any case: "36 rue de la paix", "106 rúa olmos 44". */
  static final Pattern STREET_TYPE_FIRST_NUMBERED =
      Pattern.compile(
          "\\b\\d{1,6}[A-Za-z]?(?:[ ]\\d{1,4})?[ ]+(?:(?i:rue|rua|rúa|calle|carrer|avenida|strada|piazza|viale|corso|chemin|ulica|aleja|trg"
              + "|travessa|largo|paseo|camino)[ ]+(?:(?i:" + STREET_PARTICLES + ")[ ]+){0,2}"
              // French street types that are also English words count only with their particle: "33 avenue de Provence"
              + "|(?i:avenue|boulevard|allée|allee|impasse|quai|chaussée)[ ]+(?:(?i:de la|de|du|des)[ ]+|(?i:d)['’]))"
              + "\\p{L}[\\p{L}'’.-]*(?:[ ]\\p{L}[\\p{L}'’.-]*){0,2}(?:[ ]\\d{1,5}[A-Za-z]?\\b)?");

  /** The town and region after a unit on the same line: "... Apt. 934 OULU NO", "... Suite 12 Lahti Finland". */
  static final Pattern UNIT_LINE_TAIL =
      Pattern.compile("^[ ]+((?:\\p{Lu}[\\p{L}'’.-]*|nan)(?:[ ]+(?:\\p{Lu}[\\p{L}'’.-]*|nan|\\d{4,6})){0,3})(?=[,;?!]|[ ]*(?:\\n|$)|[ ]+\\p{Ll})");

  static final Pattern ENDS_WITH_UNIT = Pattern.compile("(?i)\\b(?:apt|apartment|suite|ste|unit)\\.?[ ]*#?[ ]*[\\w-]+$");

  static final boolean[] STREET_TYPE_FIRST_PREFIXES =
      prefixTable(2, "rue", "via", "viale", "corso", "piazza", "calle", "carrer", "avenida", "avda", "paseo", "camino",
          "plaza", "strada", "rua", "travessa", "largo", "praca", "chemin", "allee", "ulica", "ul", "aleja", "al");

  /** "the corner of Csabai kapu 39. and Mathias Pass": both streets, up to the end of the clause. */
  static final Pattern CORNER =
      Pattern.compile("(?i:\\bthe corner of)\\s+[^\\n,;]{2,60}?\\s+and\\s+[^\\n,;]{2,60}?(?=\\s*(?:[,;\\n]|\\.(?:\\s|$)|$))");

  /** A house number just before an address on the same line: "9554 62 Rue Gafsa". */
  static final Pattern NUMBER_BEFORE = Pattern.compile("\\b\\d{1,6}[ \\t]+$");

  /** Quote and bullet marks that may open a line before an address, a name or a place ("> ", "* "). */
  static final String LINE_MARKS = ">|\u2022*?";

  static final String BLANKS_AND_LINE_MARKS = " \t" + LINE_MARKS;

  /** Small words inside the place names of an address line: "Ostrov nad Ohri", "Turkovice u Prelouce". */
  static final String ADDRESS_PARTICLES = "de|do|da|del|la|le|sur|am|an|nad|pod|na|u|v|z|y|en|di|du|des";

  /** The rest of an address line after spaces, when it is only places and postal codes: "... Apt. 678 Velenje nan". */
  static final Pattern ADDRESS_LINE_END =
      Pattern.compile(
          "^[ \\t]+((?:\\p{Lu}[\\p{L}'’.()-]*|nan|\\d{3,6}(?:-\\d{3,4})?)(?:[ ]+(?:\\p{Lu}[\\p{L}'’.()-]*|nan|\\d{3,6}|\\(\\p{L}+\\)|(?:" + ADDRESS_PARTICLES + ")(?=[ ]+\\p{Lu}))){0,4})[ \\t]*(?=\\n|$)");

  static final Pattern ADDRESS_TAIL =
      Pattern.compile(
          "^(?:[ \\t]*,[ \\t]*|[ \\t]*\\n(?:[ \\t]*[" + LINE_MARKS + "]+)?[ \\t]*,?[ \\t]*)((?:\\p{Lu}[\\p{L}'’.()-]*|nan|\\d{3,6}(?:-\\d{3,4})?|\\(\\p{L}+\\))(?:[ ]+(?:\\p{Lu}[\\p{L}'’.()-]*|\\d{3,6}|\\(\\p{L}+\\)|(?:" + ADDRESS_PARTICLES + ")(?=[ ]+\\p{Lu}))){0,4})");

  static final Pattern ENDS_WITH_STREET_TYPE = Pattern.compile(".*(?:" + STREET_TYPES + ")$");

  static final Pattern ADDRESS_CONTEXT_BEFORE =
      Pattern.compile("(?s).*(?:address|live|lives|living|located|resides|reside|residing|street|moved to)\\W*(?:\\w+\\W+){0,3}$");

  static final boolean[] UNIT_WORDS = prefixTable(2, "apt", "apartment", "suite", "ste", "unit");

  /** A house number of up to six digits, then a letter or a space. */
  static boolean streetStart(String t, int i) {
    if (!digitStart(t, i)) {
      return false;
    }
    int run = digitRun(t, i);
    char after = charAfter(t, i + run);
    return run <= 6 && (asciiLetter(after) || asciiSpace(after));
  }

  static boolean unitStart(String t, int i) {
    return asciiWordStart(t, i) && hasPrefix(UNIT_WORDS, 2, t, i);
  }

  static boolean poBoxStart(String t, int i) {
    char l = (char) (t.charAt(i) | 0x20);
    return (l == 'p' || l == 'c' || l == 'u' || l == 'a' || l == 'f' || l == 'd') && asciiWordStart(t, i);
  }

  /** A house number, a capitalised street type, or "ul."/"al.". */
  static boolean streetTypeFirstStart(String t, int i) {
    if (digitStart(t, i)) {
      int run = digitRun(t, i);
      return run <= 6;
    }
    if (t.charAt(i) == 'C' && i + 1 < t.length() && t.charAt(i + 1) == '/') {
      return true; // the pattern checks the boundary before it
    }
    return asciiWordStart(t, i) && hasPrefix(STREET_TYPE_FIRST_PREFIXES, 2, t, i);
  }
}
