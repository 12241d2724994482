package io.clinicalpipeline.jobs.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PHI in free text: patterns (dates, ages over 89, phone and fax, e-mail, SSN, labelled ids, URLs,
 * IPs, street addresses, ZIP codes, facilities), the shipped name and place lexicons (an Aho-Corasick
 * automaton for places, hashed word lists for names, both filtered by capitalisation and context), and the
 * patient's own identifiers. Thread-safe and cheap to share; the regexes are compiled once per JVM.
 */
public final class NoteDetector {

  static final String MONTH =
      "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  private static final String ORD = "(?:st|nd|rd|th)?";
  private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])" + ORD;
  private static final String YEAR = "(?:(?:19|20)\\d\\d|'\\d\\d)";

  /** Date patterns; group "d" is the date, ranges are matched whole. */
  static final Pattern DATE =
      Pattern.compile(
          String.join(
              "|",
              // ISO with optional time
              "\\b(?:19|20)\\d\\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01])(?:[T ](?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?Z?)?\\b",
              "\\b(?:19|20)\\d\\d/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])\\b",
              // numeric m/d/y or d.m.y, optional range to another m/d(/y)
              "\\b(?:[01]?\\d|2\\d|3[01])[/.-](?:[01]?\\d|2\\d|3[01])[/.-](?:(?:19|20)?\\d\\d)\\b(?:\\s?(?:-|to|through)\\s?(?:[01]?\\d|2\\d|3[01])[/.-](?:[01]?\\d|2\\d|3[01])(?:[/.-](?:(?:19|20)?\\d\\d))?\\b)?",
              // month/year
              "\\b(?:0?[1-9]|1[0-2])/(?:19|20)\\d\\d\\b",
              // partial m/d, optional range
              "(?<![\\d/.])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])(?:\\s?-\\s?(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01]))?(?![\\d/])",
              // Month d(-d), yyyy ; Month d ; Month yyyy
              "(?i:\\b" + MONTH + ")\\.?\\s+" + DAY + "(?:\\s*(?:-|to|through|and)\\s*(?:(?i:" + MONTH + ")\\.?\\s+)?" + DAY
                  + ")?(?:,?\\s+(?:of\\s+)?" + YEAR + ")?\\b",
              "(?i:\\b" + MONTH + ")\\.?,?\\s+(?:of\\s+)?" + YEAR + "\\b",
              // d Month yyyy, d(th) of Month
              "\\b" + DAY + "(?:\\s*-\\s*" + DAY + ")?\\s+(?:of\\s+)?(?i:" + MONTH + ")\\b\\.?(?:,?\\s+" + YEAR + ")?",
              // weekdays
              "(?i:\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b)",
              // relative dates
              "(?i:\\b(?:last|this past|past|next|early|late|mid)[\\s-]+)(?:week|weekend|month|summer|winter|spring|fall|autumn|(?i:" + MONTH + ")\\b|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b",
              // holidays that name a date
              "\\b(?:Christmas|Thanksgiving|New Year's|Halloween|Easter)(?: Day| Eve)?(?:,?\\s+(?:19|20)\\d\\d)?\\b"));

  /**
   * A bare year where the words before it make it a point in time: "during 2017", "the summer of 2009", "the
   * Act of 1998". Not after "in", "since" or "from": clinical questions use those with years that Safe Harbor
   * lets stay ("diagnosed in 2021", "guidelines from 2023").
   */
  static final Pattern CONTEXT_YEAR =
      Pattern.compile(
          "(?<=\\b(?i:during|throughout|(?:summer|winter|spring|fall|autumn|end|beginning|start|middle|half|class|act)\\s+of)\\s{1,2})"
              + "(?:19|20)\\d\\d\\b(?![-/.:]\\d)");

  /**
   * A bare year after a preposition or an article ("in 2014", "since 1998", "a 2005 film"). Read as a date only
   * in a sentence that also names a person, a place or an address: there the year is an element of a date
   * tied to an identified individual. Alone ("diagnosed in 2021") a year stays, as Safe Harbor allows.
   */
  static final Pattern YEAR_AFTER_WORD =
      Pattern.compile(
          "(?<=\\b(?i:in|since|from|until|till|by|around|circa|a|an)\\s{1,2})(?:19|20)\\d\\d\\b(?![-/.:,]\\d)"
              + "(?!\\s*(?i:mg|mcg|ml|kg|g|units?|iu|steps|calories|kcal|mm|cm|m|km|patients|people|cases|times|dollars|usd)\\b)");

  /** Sentence search distance for {@link #YEAR_AFTER_WORD}, each way; keeps the check linear in the text. */
  private static final int YEAR_SENTENCE_REACH = 250;

  static final Pattern AGE =
      Pattern.compile(
          "(?i)\\b(?:(9\\d|1[01]\\d)(?=\\s*(?:-|\\s)?\\s*(?:years?|yrs?|y/?o|yo|y\\.o\\.|-?year-old|-?yr-old)\\b)"
              + "|(?<=\\bage[d:]?\\s{0,2})(9\\d|1[01]\\d)\\b|(?<=\\bage of\\s)(9\\d|1[01]\\d)\\b)"
              + "|\\b(?:in (?:his|her|their) )?(?:nineties|90s|90's)\\b|\\b(?:nonagenarian|centenarian)\\b");

  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\d][\\p{L}\\d._%+-]*@[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)+");

  static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:https?://|ftp://|www\\.)[^\\s<>\"')\\]]+"
              + "|\\b(?:[a-z\\d-]+\\.)+(?:com|org|net|edu|gov|io|info|biz|health|us|uk|ca|de|fr|it|es|nl|se|no|dk|fi|ch|at|be|pl|cz|hu|pt|br|au|nz|jp|cn|ru|gr|cy|uy|ar|mx)(?:/[^\\s<>\"')]*)?\\b");

  static final Pattern IP =
      Pattern.compile(
          "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"
              + "|(?i)(?<![\\w:])(?:[0-9a-f]{1,4}:){2,7}(?::?[0-9a-f]{1,4}){1,7}(?![\\w:])");

  static final Pattern SSN =
      Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b|\\b\\d{3} \\d{2} \\d{4}\\b|(?i)(?<=\\bssn:?\\s{0,2}#?)\\d{9}\\b");

  static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w/.-])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?(?:\\(\\d\\)\\s?)?)?\\d{1,5}(?:[\\s.-]\\d{2,8}){1,4}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,5})?(?![\\w/]|-\\d)"
              + "|(?<![\\w/.-])\\+\\d[\\d\\s().-]{7,}\\d");

  /** Words just before a number that make it a phone number: "Phone: 467 3395", "call me on 450 0840". */
  private static final Pattern PHONE_CONTEXT_BEFORE =
      Pattern.compile("\\b(?:phone|tel|telephone|mobile|cell|call|reach|contact|fax|desk|office|home|work|pager|number|registered|answering|dial|text)\\b\\W*(?:(?:me|us|him|her|them|on|at|is|was|no|number|#)\\W+){0,3}$");

  static final Pattern LABELLED_ID =
      Pattern.compile(
          "(?i)\\b(mrn|medical record(?: number| no\\.?| #)?|record(?: number| no\\.?| #)|chart(?: number| no\\.?| #)"
              + "|(?:patient|pt|member|subscriber|insurance|plan|beneficiary|site|device|study|case|claim|account|acct|policy|group|unique|encounter|visit)"
              + "(?: id| number| no\\.?| #|#)|account|acct|policy|id|ids|npi|dea|license(?: number| no\\.?| #)?|licence(?: number| no\\.?| #)?"
              + "|lic\\.?(?: #)?|certificate(?: number| no\\.?| #)?|serial(?: number| no\\.?| #)?|passport(?: number| no\\.?| #)?"
              + "|driver'?s licen[cs]e(?: number| no\\.?| #)?|health plan(?: id| number| no\\.?)?|beneficiary|case)"
              + "\\s*(?:is|was|=|of)?\\s*[:#]?\\s*(#?[A-Za-z]{0,6}[-#]?\\d[A-Za-z0-9-]*)");

  static final Pattern CODE_TOKEN =
      Pattern.compile("(?<![\\w-])#?(?=[A-Za-z0-9-]*\\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\\w])");

  static final Pattern IBAN = Pattern.compile("(?i)\\b[a-z]{2}\\d{2}[a-z0-9]{11,30}\\b");

  private static final String STREET_TYPES =
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
  private static final Pattern STREET_PREPOSITION_BEFORE = Pattern.compile("(?:^|[^\\p{L}])(?:on|at|side of)[ ]+$");

  /** A clause ends after a house number: a stop, a comma, a question mark, the line's end. */
  private static final Pattern CLAUSE_END_AFTER = Pattern.compile("^[.,;!?]?[ \\t]*(?:[,;!?\\n]|$)|^\\.(?:\\s|$)");

  private static final Pattern TRAILING_INITIAL = Pattern.compile("^\\s[\\p{Lu}]\\.");

  private static final Pattern HOUSE_NUMBER_BEFORE = Pattern.compile("\\b\\d{1,6}\\s+$");

  /** One more line or comma-separated part of an address block: a place, a region code, a postal code. */
  /** Small words after a street type: "Rue de la Gare", "Via dei Mille", "Rua dos Anjos". */
  private static final String STREET_PARTICLES = "de|del|della|dei|degli|delle|dello|di|da|do|dos|das|du|des|la|le|les|al|el";

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
  private static final Pattern UNIT_LINE_TAIL =
      Pattern.compile("^[ ]+((?:\\p{Lu}[\\p{L}'’.-]*|nan)(?:[ ]+(?:\\p{Lu}[\\p{L}'’.-]*|nan|\\d{4,6})){0,3})(?=[,;?!]|[ ]*(?:\\n|$)|[ ]+\\p{Ll})");

  private static final Pattern ENDS_WITH_UNIT = Pattern.compile("(?i)\\b(?:apt|apartment|suite|ste|unit)\\.?[ ]*#?[ ]*[\\w-]+$");

  private static final boolean[] STREET_TYPE_FIRST_PREFIXES =
      prefixTable(2, "rue", "via", "viale", "corso", "piazza", "calle", "carrer", "avenida", "avda", "paseo", "camino",
          "plaza", "strada", "rua", "travessa", "largo", "praca", "chemin", "allee", "ulica", "ul", "aleja", "al");

  /** "the corner of Csabai kapu 39. and Mathias Pass": both streets, up to the end of the clause. */
  static final Pattern CORNER =
      Pattern.compile("(?i:\\bthe corner of)\\s+[^\\n,;]{2,60}?\\s+and\\s+[^\\n,;]{2,60}?(?=\\s*(?:[,;\\n]|\\.(?:\\s|$)|$))");

  /** A house number just before an address on the same line: "9554 62 Rue Gafsa". */
  private static final Pattern NUMBER_BEFORE = Pattern.compile("\\b\\d{1,6}[ \\t]+$");

  /** Quote and bullet marks that may open a line before an address, a name or a place ("> ", "* "). */
  private static final String LINE_MARKS = ">|\u2022*?";

  private static final String BLANKS_AND_LINE_MARKS = " \t" + LINE_MARKS;

  /** Small words inside the place names of an address line: "Ostrov nad Ohri", "Turkovice u Prelouce". */
  private static final String ADDRESS_PARTICLES = "de|do|da|del|la|le|sur|am|an|nad|pod|na|u|v|z|y|en|di|du|des";

  /** The rest of an address line after spaces, when it is only places and postal codes: "... Apt. 678 Velenje nan". */
  private static final Pattern ADDRESS_LINE_END =
      Pattern.compile(
          "^[ \\t]+((?:\\p{Lu}[\\p{L}'’.()-]*|nan|\\d{3,6}(?:-\\d{3,4})?)(?:[ ]+(?:\\p{Lu}[\\p{L}'’.()-]*|nan|\\d{3,6}|\\(\\p{L}+\\)|(?:" + ADDRESS_PARTICLES + ")(?=[ ]+\\p{Lu}))){0,4})[ \\t]*(?=\\n|$)");

  private static final Pattern ADDRESS_TAIL =
      Pattern.compile(
          "^(?:[ \\t]*,[ \\t]*|[ \\t]*\\n(?:[ \\t]*[" + LINE_MARKS + "]+)?[ \\t]*,?[ \\t]*)((?:\\p{Lu}[\\p{L}'’.()-]*|nan|\\d{3,6}(?:-\\d{3,4})?|\\(\\p{L}+\\))(?:[ ]+(?:\\p{Lu}[\\p{L}'’.()-]*|\\d{3,6}|\\(\\p{L}+\\)|(?:" + ADDRESS_PARTICLES + ")(?=[ ]+\\p{Lu}))){0,4})");

  static final Pattern ZIP =
      Pattern.compile(
          "(?i)(?<=\\b(?:zip|zip code|postal code|zipcode|postcode)(?:\\s{1,2}(?:is|was))?\\s{0,2}:?\\s{0,2})"
              + "(?:\\d{3} \\d{2}\\b|\\d{4} ?(?-i:[A-Z]{2})\\b|\\d{3,5}(?:-\\d{3,4})?\\b)"
              + "|(?<=\\b[A-Z]{2}\\s{1,2})\\d{5}(?:-\\d{4})?\\b");

  /** A Canadian postal code ("K1A 0B1"): letter, digit, letter, digit, letter, digit. */
  static final Pattern POSTAL_CA =
      Pattern.compile("\\b[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d\\b");

  /** A postal code right after a place: "in Arendal 4844", "Lund 223 62"; not a year. */
  private static final Pattern POSTAL_AFTER_PLACE =
      Pattern.compile("^[ \\t]+(?!(?:19|20)\\d\\d\\b)(\\d{4,5}(?:-\\d{3,4})?|\\d{3} \\d{2})\\b(?![.,/-]?\\d)");

  private static final String FACILITY_WORDS =
      "(?:hospital|hospitals|medical center|med\\.? center|med\\.? ctr|health center|health centre|health system|healthcare"
          + "|health care|health|clinic|clinics|medical group|medical associates|infirmary|institute|university|college"
          + "|nursing home|nursing center|rehabilitation center|rehab center|rehab|hospice|pharmacy|memorial"
          + "|children's|childrens|cancer center|heart institute|center|centre|medical|physicians|associates"
          + "|practice|surgery center|surgical center|urgent care|care center|family practice|dialysis center"
          + "|laboratory|labs|school|academy|church|prison|jail|shelter|department of health)";

  static final Pattern FACILITY =
      Pattern.compile(
          "((?:(?:St|Mt)\\.?\\s+|Saint\\s+|Mount\\s+)?(?:[\\p{Lu}][\\p{L}'’.&-]*\\s+(?:(?:and|of|the|&|for|de|del|la)\\s+)?){1,5})(?i:"
              + FACILITY_WORDS
              + ")\\b(?:\\s+(?:of|for|at|in)\\s+(?:the\\s+)?[\\p{Lu}][\\p{L}'’.-]*(?:\\s[\\p{Lu}][\\p{L}'’.-]*){0,3})?"
              + "|\\b(?i:university|hospital|college|institute|clinic) of (?:the\\s+)?(?:[\\p{Lu}][\\p{L}'’.-]*\\s*){1,4}");

  /** Small words inside place names: "Villafranca del Cid", "Ostrov nad Ohri", "Frankfurt am Main". */
  private static final String PLACE_PARTICLES = "(?-i:de|del|de la|da|do|di|du|des|la|le|les|nad|pod|am|an|im|sur|upon|en|y|u|v)";

  /** A particle and a capitalised word after a place: extends "Villafranca" to "Villafranca del Cid". */
  private static final Pattern PLACE_PARTICLE_TAIL =
      Pattern.compile("^(?:[ ]" + PLACE_PARTICLES + "[ ]\\p{Lu}[\\p{L}'’-]+)+(?:[ ]\\(\\p{Lu}[\\p{L}'’-]+\\))?|^[ ]\\(\\p{Lu}[\\p{L}'’-]+\\)");

  /** Place contexts in a text without capitals; the place is one word, maybe with a particle and another. */
  private static final Pattern LOCATION_TRIGGER_LOWER =
      Pattern.compile(
          "\\b(?:lives in|living in|resides in|residing in|born in|relocated to|flew to|flown to"
              + "|travell?ed to|travell?ing to|originally from|home ?town|city of|town of|village of)[ ]+"
              + "(\\p{Ll}[\\p{L}'’-]+(?:[ ]" + PLACE_PARTICLES + "[ ]\\p{Ll}[\\p{L}'’-]+)?)");

  /** Words after a lower-case place context that name a time, not a place ("flew to ... on friday"). */
  private static final Set<String> DAY_NAMES =
      Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "tonight");

  /** Ordinary words that begin place names ("New Westminster", "Port Talbot") after a place context. */
  private static final Set<String> PLACE_LEADING_WORDS =
      Set.of("new", "north", "south", "east", "west", "upper", "lower", "port", "fort", "lake", "mount", "great", "little", "old");

  /** A line that is only a place name, behind quote or bullet marks: "Chiclana de la Frontera", "ALFRICK". */
  private static final Pattern PLACE_LINE =
      Pattern.compile("[ \\t" + LINE_MARKS + "]*(\\p{Lu}[\\p{L}'’.-]*(?:[ ](?:" + PLACE_PARTICLES + "|\\p{Lu}[\\p{L}'’.-]*)){0,4})[ \\t]*");

  static final Pattern LOCATION_TRIGGER =
      Pattern.compile(
          "(?i:\\b(?:at|from|near|in|visited|admitted to|transferred to|referred to|moved to|travell?ed to|lives in|living in|resides in|born in|relocated to|sent to|discharged to"
              + "|flew to|flown to|drove to|returned to|home city|hometown|home town|city of|town of|village of|where:))\\s+"
              + "((?:St\\.?\\s+|Saint\\s+|Mt\\.?\\s+)?[\\p{Lu}][\\p{L}'’.&-]*(?:\\s+(?:of\\s+|and\\s+|&\\s+|" + PLACE_PARTICLES + "\\s+)?[\\p{Lu}][\\p{L}'’.&-]*){0,3})");

  private static final Pattern STATE_AFTER =
      Pattern.compile(
          "^,?\\s*(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
              + "|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)\\b(?:\\s+\\d{5}(?:-\\d{4})?\\b)?");

  static final Pattern TITLE =
      Pattern.compile(
          "\\b(?:Dr|DR|Mr|MR|Mrs|MRS|Ms|MS|Miss|MISS|Mx|Prof|PROF|Rev|Sr|Sra|Srta|Herr|Frau|Mme|Mlle|Doctor|DOCTOR|Dra|(?:dr|mr|mrs|ms|mx|prof)(?=\\.))\\.?\\s+"
              + "([\\p{Lu}][\\p{L}'’-]*\\.?(?:\\s[\\p{Lu}][\\p{L}'’-]*\\.?){0,3})");

  /** Small words inside surnames: "Dyan van Gijn", "Maika van de Noort", "Willemine ten Pas". */
  private static final List<String> NAME_PARTICLE_LIST =
      List.of("van", "von", "de", "der", "den", "ten", "ter", "da", "di", "del", "della", "du", "le", "la", "dos", "das");

  private static final Set<String> NAME_PARTICLE_WORDS = Set.copyOf(NAME_PARTICLE_LIST);

  /** The particles as a regex, with their two-word forms ("van de", "von der"). */
  static final String NAME_PARTICLES =
      "(?-i:" + String.join("|", NAME_PARTICLE_LIST) + "|van de|van der|van den|von der)";

  static final Pattern NAME_CONTEXT =
      Pattern.compile(
          "(?i:\\b(?:patient|pt\\.?|name is|name:|named|called|i am|i'm|my name|dear|son|daughter|wife|husband|mother|father|mom|dad|brother|sister|spouse"
              + "|partner|friend|neighbou?r|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|niece|nephew|caregiver|guardian"
              + "|signed by|seen by|referred by|attending|resident|nurse|np|pa-c|pcp|provider|physician|surgeon|cc:|contact|by"
              + "|name\\?|last name|first name|full name|call me|calls me|kid|child|baby|assistant to|directed by|written by|starring"
              + "|hi|hello|hey))(?::[ \\t]*|\\s+)"
              + "([\\p{Lu}][\\p{L}'’-]*\\.?(?:\\s(?:" + NAME_PARTICLES + "\\s)?[\\p{Lu}][\\p{L}'’-]*\\.?){0,2})");

  /** "Faina D. Yefremova", "Maja S Hermansen": a capitalised word, an initial and another capitalised word. */
  static final Pattern FIRST_INITIAL_LAST =
      Pattern.compile("\\b(\\p{Lu}[\\p{L}'’-]+)\\s+\\p{Lu}\\.?\\s+(\\p{Lu}[\\p{L}'’-]+)\\b");

  /** One to three capitalised words followed by what people do: "Tomomi Nishiyama lives at ...". */
  static final Pattern BEFORE_PERSON_VERB =
      Pattern.compile(
          "\\b(\\p{Lu}[\\p{L}'’-]+(?:\\s\\p{Lu}\\.?)?(?:\\s(?:" + NAME_PARTICLES + "\\s)?\\p{Lu}[\\p{L}'’-]+){0,2})(?:['’]s)?\\s+(?:lives|lived|resides|resided|is from|was born|"
              + "works|worked|said|says|told|shouted|spent|will be|has been|had given|had|is very|wrote|began|sings|sang|"
              + "reports|reported|denies|denied|complains|complained|presents|presented|states|stated|killers|kid|family)\\b");

  /** Capitalised single words in a list: "Kónya, Becker and Vasquez". */
  static final Pattern NAME_LIST =
      Pattern.compile(
          "\\b\\p{Lu}[\\p{L}'’-]+(?:,\\s+\\p{Lu}[\\p{L}'’-]+){1,10},?\\s+(?:and|&|or)\\s+\\p{Lu}[\\p{L}'’-]+\\b"
              + "|\\b\\p{Lu}[\\p{L}'’-]+\\s+(?:and|&)\\s+\\p{Lu}[\\p{L}'’-]+\\b");

  /** A line that is only a name: "Dreux Joly", "Hanne I. Kreutzmann". */
  static final Pattern NAME_LINE =
      Pattern.compile("(?m)(?<=^[ \\t]{0,8}(?:[" + LINE_MARKS + "]{1,3}[ \\t]{1,3})?)(\\p{Lu}[\\p{L}'’-]+(?:[ \\t]+\\p{Lu}\\.?)?(?:[ \\t]+(?:" + NAME_PARTICLES + "[ \\t]+)?\\p{Lu}[\\p{L}'’-]+){1,2})[ \\t]*$");

  /** Name contexts in a text without capitals; the name is one or two words after them. */
  static final Pattern NAME_CONTEXT_LOWER =
      Pattern.compile(
          "\\b(?:name is|name:|named|called|i am|i'm|dear|call me|calls me|with|maiden name is|by|son|daughter|wife|husband|"
              + "mother|father|brother|sister|friend|patient|dr\\.?|mr\\.?|mrs\\.?|ms\\.?)\\s+"
              + "(\\p{Ll}[\\p{L}'’-]+(?:\\s\\p{Ll}\\.?(?!\\p{L}))?(?:\\s\\p{Ll}[\\p{L}'’-]+)?)");

  /** The speaker after a quote: "... direction," says Okonkwo. */
  static final Pattern QUOTE_SPEAKER =
      Pattern.compile("[\"”'’!?,.][ \\t]*(?:says|said|asks|asked|replied|replies|added|adds|wrote|explained|explains|continued)[ \\t]+"
          + "(\\p{Lu}[\\p{L}'’-]+(?:[ \\t](?:" + NAME_PARTICLES + "[ \\t])?\\p{Lu}[\\p{L}'’-]+)?)");

  /** A name someone is addressed by: "Warrane, can I ...", "... go home, Ilse!" */
  static final Pattern VOCATIVE =
      Pattern.compile("(?m)(?<=^[ \\t\"]{0,3})(\\p{Lu}[\\p{L}'’-]+),[ \\t]+(?:can|could|would|will|please|do|did|have)[ \\t]+(?:I|you|we)\\b"
          + "|(?<=,[ \\t])(\\p{Lu}[\\p{L}'’-]+)(?=[ \\t]?[!?])");

  /** Degrees and generational suffixes after a name. */
  private static final Pattern NAME_SUFFIX =
      Pattern.compile("^,?[ ](?:MD|M\\.D\\.|DDS|D\\.D\\.S\\.|DMD|PhD|Ph\\.D\\.|DO|RN|NP|PA-C|Jr\\.?|Sr\\.?|II|III|IV|Esq\\.?)(?![\\p{L}\\d])");

  /** Two lower-case words, maybe with an initial between them: a name when the lexicon agrees. */
  private static final Pattern LOWER_NAME_PAIR =
      Pattern.compile("\\b(\\p{Ll}[\\p{Ll}'’-]+)[ ](?:(\\p{Ll})\\.?[ ])?(\\p{Ll}[\\p{Ll}'’-]+)\\b");

  /** Lower-case words in a list: "anna, petra, karl and ulla". */
  private static final Pattern LOWER_NAME_LIST =
      Pattern.compile("\\b\\p{Ll}[\\p{Ll}'’-]+(?:,[ ]\\p{Ll}[\\p{Ll}'’-]+){2,10},?[ ](?:and|or)[ ]\\p{Ll}[\\p{Ll}'’-]+\\b");

  /** Whose identifier it is: "Okafor's address", "Lena's phone number". */
  static final Pattern OWNER_OF_IDENTIFIER =
      Pattern.compile("\\b(\\p{Lu}[\\p{L}-]*)['’]s[ \\t]+(?:(?:home|new|current|old|work|mobile|cell|mailing|e-mail|email)[ \\t]+)?"
          + "(?:address|phone|telephone|number|e-mail|email|house|apartment|flat|birthday|date of birth|ssn|social security|mrn)\\b");

  /** The reply to a question for a name: "What's the name on the account? User: Anna Berg". */
  static final Pattern NAME_ANSWER =
      Pattern.compile("\\b(?i:name)\\b[^?\\n]{0,40}\\?[ \\t]*(?:\\n[ \\t]*)?(?:\\p{L}{1,12}:[ \\t]*)?"
          + "(\\p{Lu}[\\p{L}'’-]+(?:[ \\t]\\p{Lu}\\.?(?!\\p{L}))?(?:[ \\t]\\p{Lu}[\\p{L}'’-]+){0,2})");

  /** A speaker's label at the start of a line in a text without capitals: "mika: who are you?" */
  private static final Pattern LOWER_SPEAKER = Pattern.compile("(?m)^[ \\t]{0,8}(\\p{Ll}[\\p{Ll}'’-]+):[ \\t]*\\S");

  /** A speaker's name at the start of a line: "Ubul: What a wife." */
  static final Pattern SPEAKER = Pattern.compile("(?m)(?<=^[ \\t]{0,8})(\\p{Lu}[\\p{L}'’-]+):[ \\t]*\\S");

  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’-]*");

  private static final Set<String> MEDICAL_ACRONYMS =
      Set.of(
          "ICU", "ED", "ER", "OR", "PACU", "NICU", "PICU", "MICU", "SICU", "CCU", "CT", "MRI", "PET", "EKG", "ECG",
          "EEG", "EMG", "AIDS", "HIV", "COPD", "CHF", "CAD", "CKD", "ESRD", "GERD", "IBS", "IBD", "UTI", "DVT",
          "PE", "MI", "CVA", "TIA", "US", "USA", "UK", "EU", "BP", "HR", "RR", "IV", "IM", "PO", "PRN", "BMI",
          "AM", "PM", "MD", "RN", "NP", "PA", "DO", "PT", "OT", "ST", "SNF", "LTC", "ALF", "ADHD", "PTSD", "OCD",
          "MS", "ALS", "SLE", "RA", "OA", "TB", "RSV", "COVID", "SARS", "MRSA", "VRE", "ACE", "ARB", "NSAID",
          "SSRI", "SNRI", "TNF", "IL", "CBC", "CMP", "BMP", "LFT", "TSH", "PSA", "HPV", "HCV", "HBV", "STD", "STI",
          "FDA", "CDC", "WHO", "NIH", "AHA", "ACC", "ADA", "USPSTF", "NCCN", "ASCO", "IDSA", "ACOG", "AAP", "ACR",
          "GOLD", "KDIGO", "ESC", "NICE", "HEENT", "CV", "GI", "GU", "MSK", "NEURO", "PSYCH", "A1C", "LDL", "HDL",
          "CHA", "DS", "VASc", "NYHA", "ECOG", "ASA", "DNR", "DNI", "POLST", "HIPAA", "EHR", "EMR", "NPO", "OTC",
          "I", "II", "III", "V", "VI", "MRN", "ID", "SSN", "DOB", "IVF", "IUD", "ICD", "CPT", "LOINC", "SNOMED");

  /** Words that start a capitalised run without being part of a facility's name. */
  private static final Set<String> LEADING_NOISE =
      Set.of(
          "the", "a", "an", "at", "in", "to", "from", "our", "his", "her", "their", "seen", "visited", "admitted",
          "treated", "was", "is", "of", "on", "for", "with", "by", "and", "patient", "pt", "last", "who", "what",
          "how", "when", "where", "which", "after", "before", "during", "recent", "recently", "previously");

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NAME_MARKS = Pattern.compile("[.'’]");
  private static final Pattern TRAILING_NAME_MARKS = Pattern.compile("[.'’]+$");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:]+$");
  private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");
  private static final Pattern TRAILING_MARKS = Pattern.compile("['’-]+$");
  private static final Pattern MONTH_WORD = Pattern.compile(MONTH);
  private static final Pattern ENDS_WITH_STREET_TYPE = Pattern.compile(".*(?:" + STREET_TYPES + ")$");
  private static final Pattern ADDRESS_CONTEXT_BEFORE =
      Pattern.compile("(?s).*(?:address|live|lives|living|located|resides|reside|residing|street|moved to)\\W*(?:\\w+\\W+){0,3}$");
  private static final Pattern FACILITY_WORD_ONLY =
      Pattern.compile(FACILITY_WORDS + "|the|of|and|medical|general|regional|community|county|state");

  // Where each pattern can start. Every pattern below begins with a digit, one of a few words or a capital,
  // so it is tried only there (AnchoredMatcher) instead of at every character. Each test must accept every
  // position where its pattern can match; tests on the character before a start are supersets of both
  // Unicode and ASCII \b.

  /** First three letters (lower case) of the words a date can start with: months, weekdays, relative, holidays. */
  private static final boolean[] DATE_WORDS =
      prefixTable(3, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "monday",
          "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "this", "past", "next", "early",
          "late", "mid", "christmas", "thanksgiving", "new", "halloween", "easter");
  /** First two letters of the labels LABELLED_ID starts with. */
  private static final boolean[] LABEL_WORDS =
      prefixTable(2, "mrn", "medical", "record", "chart", "patient", "pt", "member", "subscriber", "insurance", "plan",
          "beneficiary", "site", "device", "study", "case", "claim", "account", "acct", "policy", "group", "unique",
          "encounter", "visit", "id", "npi", "dea", "license", "licence", "lic", "certificate", "serial", "passport",
          "driver", "health");
  private static final boolean[] UNIT_WORDS = prefixTable(2, "apt", "apartment", "suite", "ste", "unit");
  private static final boolean[] FACILITY_HEADS = prefixTable(3, FACILITY_WORDS.substring(3).split("\\|"));
  private static final Set<String> LOCATION_TRIGGER_WORDS =
      Set.of("at", "from", "near", "in", "visited", "admitted", "transferred", "referred", "moved", "travelled",
          "traveled", "lives", "living", "resides", "born", "relocated", "sent", "discharged", "flew", "flown", "drove",
          "returned", "home", "hometown", "city", "town", "village", "where");
  private static final boolean[] LOCATION_TRIGGER_PREFIXES =
      prefixTable(2, LOCATION_TRIGGER_WORDS.toArray(new String[0]));
  private static final Set<String> TITLE_WORDS =
      Set.of("Dr", "DR", "Mr", "MR", "Mrs", "MRS", "Ms", "MS", "Miss", "MISS", "Mx", "Prof", "PROF", "Rev", "Sr", "Sra",
          "Srta", "Herr", "Frau", "Mme", "Mlle", "Doctor", "DOCTOR", "Dra");
  /** Titles typed in lower case ("ms. Okafor"); only with their full stop, so "ms" and "dr" alone stay words. */
  private static final Set<String> LOWER_CASE_TITLES = Set.of("dr", "mr", "mrs", "ms", "mx", "prof");
  private static final Set<String> NAME_CONTEXT_WORDS =
      Set.of("patient", "pt", "name", "named", "called", "i", "my", "dear", "son", "daughter", "wife", "husband",
          "mother", "father", "mom", "dad", "brother", "sister", "spouse", "partner", "friend", "neighbor", "neighbour",
          "grandson", "granddaughter", "grandmother", "grandfather", "aunt", "uncle", "cousin", "niece", "nephew",
          "caregiver", "guardian", "signed", "seen", "referred", "attending", "resident", "nurse", "np", "pa", "pcp",
          "provider", "physician", "surgeon", "cc", "contact", "by", "last", "first", "full", "call", "calls", "kid",
          "child", "baby", "assistant", "directed", "written", "starring", "hi", "hello", "hey");

  private static final boolean[] NAME_CONTEXT_PREFIXES =
      prefixTable(2, NAME_CONTEXT_WORDS.stream().filter(w -> w.length() >= 2).toArray(String[]::new));

  private static boolean asciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean asciiLetter(char c) {
    char l = (char) (c | 0x20);
    return l >= 'a' && l <= 'z';
  }

  private static boolean asciiWordChar(char c) {
    return asciiLetter(c) || asciiDigit(c) || c == '_';
  }

  private static boolean asciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** A digit after a non-digit: where {@code \b\d}, {@code (?<![\w/.-])\d} and the lookbehind forms can start. */
  static boolean digitStart(String t, int i) {
    return asciiDigit(t.charAt(i)) && (i == 0 || !asciiDigit(t.charAt(i - 1)));
  }

  /** An ASCII letter after a character that is not an ASCII word character. */
  private static boolean asciiWordStart(String t, int i) {
    return asciiLetter(t.charAt(i)) && (i == 0 || !asciiWordChar(t.charAt(i - 1)));
  }

  /** A table of the lower-case ASCII prefixes of length {@code len} (1..3) of {@code words}. */
  private static boolean[] prefixTable(int len, String... words) {
    boolean[] table = new boolean[1 << (5 * len)];
    for (String w : words) {
      table[prefixKey(w, 0, len)] = true;
    }
    return table;
  }

  /** The key of {@code len} letters at {@code i} (ASCII letters, case folded), or -1 where there are none. */
  private static int prefixKey(String t, int i, int len) {
    if (i + len > t.length()) {
      return -1;
    }
    int key = 0;
    for (int k = 0; k < len; k++) {
      char c = t.charAt(i + k);
      if (!asciiLetter(c)) {
        return -1;
      }
      key = key << 5 | ((c | 0x20) - 'a');
    }
    return key;
  }

  private static boolean hasPrefix(boolean[] table, int len, String t, int i) {
    int key = prefixKey(t, i, len);
    return key >= 0 && table[key];
  }

  /** The letters of the word at {@code i} when it is followed by {@code after}-accepted text, else null. */
  private static String wordAt(String t, int i, int maxLength) {
    int e = i;
    while (e < t.length() && Character.isLetter(t.charAt(e))) {
      if (e - i >= maxLength) {
        return null;
      }
      e++;
    }
    return t.substring(i, e);
  }

  /** The number of ASCII digits from {@code i} on. */
  private static int digitRun(String t, int i) {
    int e = i;
    while (e < t.length() && asciiDigit(t.charAt(e))) {
      e++;
    }
    return e - i;
  }

  private static char charAfter(String t, int i) {
    return i < t.length() ? t.charAt(i) : '\0';
  }

  /** Every numeric date form starts with 1, 2 or 4 digits. */
  static boolean dateStart(String t, int i) {
    if (digitStart(t, i)) {
      return digitRun(t, i) <= 4;
    }
    return asciiWordStart(t, i) && hasPrefix(DATE_WORDS, 3, t, i);
  }

  /** Four digits starting with 1 or 2, a possible year. */
  static boolean yearStart(String t, int i) {
    char c = t.charAt(i);
    return (c == '1' || c == '2') && digitStart(t, i) && digitRun(t, i) == 4;
  }

  /** "nnn-nn-nnnn", "nnn nn nnnn" or nine digits. */
  static boolean ssnStart(String t, int i) {
    if (!digitStart(t, i)) {
      return false;
    }
    int run = digitRun(t, i);
    char after = charAfter(t, i + run);
    return run == 3 && (after == '-' || after == ' ') || run >= 9;
  }

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

  /** A house number of up to six digits, then a letter or a space. */
  static boolean streetStart(String t, int i) {
    if (!digitStart(t, i)) {
      return false;
    }
    int run = digitRun(t, i);
    char after = charAfter(t, i + run);
    return run <= 6 && (asciiLetter(after) || asciiSpace(after));
  }

  /** "+", "(", or a group of up to five digits followed by a space, dot or hyphen. */
  static boolean phoneStart(String t, int i) {
    char c = t.charAt(i);
    if (c == '+' || c == '(') {
      return true;
    }
    if (!digitStart(t, i)) {
      return false;
    }
    int run = digitRun(t, i);
    char after = charAfter(t, i + run);
    return run <= 5 && (asciiSpace(after) || after == '.' || after == '-');
  }

  static boolean ageStart(String t, int i) {
    char c = t.charAt(i);
    if (digitStart(t, i)) {
      int run = digitRun(t, i);
      return (c == '9' || c == '1') && run >= 2 && run <= 3;
    }
    char l = (char) (c | 0x20);
    return (l == 'i' || l == 'n' || l == 'c') && asciiWordStart(t, i);
  }

  static boolean labelStart(String t, int i) {
    return asciiWordStart(t, i) && hasPrefix(LABEL_WORDS, 2, t, i);
  }

  static boolean unitStart(String t, int i) {
    return asciiWordStart(t, i) && hasPrefix(UNIT_WORDS, 2, t, i);
  }

  static boolean poBoxStart(String t, int i) {
    char l = (char) (t.charAt(i) | 0x20);
    return (l == 'p' || l == 'c' || l == 'u' || l == 'a' || l == 'f' || l == 'd') && asciiWordStart(t, i);
  }

  static boolean ibanStart(String t, int i) {
    return i + 4 <= t.length() && asciiWordStart(t, i) && asciiLetter(t.charAt(i + 1)) && asciiDigit(t.charAt(i + 2))
        && asciiDigit(t.charAt(i + 3));
  }

  /** A URL is a run of {@code [A-Za-z0-9-]} followed by "." (a host, "www.") or ":" ("https:"). */
  static boolean urlStart(String t, int i) {
    char c = t.charAt(i);
    if (c != '-' && !(asciiWordStart(t, i) || digitStart(t, i))) {
      return false;
    }
    int e = i;
    while (e < t.length() && (asciiLetter(t.charAt(e)) || asciiDigit(t.charAt(e)) || t.charAt(e) == '-')) {
      e++;
    }
    return e < t.length() && (t.charAt(e) == '.' || t.charAt(e) == ':');
  }

  /** IPv4: up to three digits and a dot; IPv6: up to four hex digits and a colon. */
  static boolean ipStart(String t, int i) {
    char c = t.charAt(i);
    char l = (char) (c | 0x20);
    boolean hex = asciiDigit(c) || l >= 'a' && l <= 'f';
    if (!hex || i > 0 && asciiWordChar(t.charAt(i - 1))) {
      return false;
    }
    int run = digitRun(t, i);
    if (run >= 1 && run <= 3 && charAfter(t, i + run) == '.') {
      return true;
    }
    int e = i;
    while (e < t.length() && e - i <= 4 && (asciiDigit(t.charAt(e)) || (t.charAt(e) | 0x20) >= 'a' && (t.charAt(e) | 0x20) <= 'f')) {
      e++;
    }
    return e - i <= 4 && charAfter(t, e) == ':';
  }

  /** CODE_TOKEN: an optional '#', then letters, digits and hyphens of which one is a digit. */
  static boolean codeTokenStart(String t, int i) {
    char c = t.charAt(i);
    if (c != '#' && !asciiLetter(c) && !asciiDigit(c)) {
      return false;
    }
    if (i > 0 && (asciiWordChar(t.charAt(i - 1)) || t.charAt(i - 1) == '-')) {
      return false;
    }
    for (int e = c == '#' ? i + 1 : i; e < t.length(); e++) {
      char x = t.charAt(e);
      if (asciiDigit(x)) {
        return true;
      }
      if (!asciiLetter(x) && x != '-') {
        return false;
      }
    }
    return false;
  }

  static boolean locationTriggerStart(String t, int i) {
    if (!asciiWordStart(t, i) || !hasPrefix(LOCATION_TRIGGER_PREFIXES, 2, t, i)) {
      return false;
    }
    String w = wordAt(t, i, 12);
    return w != null && i + w.length() < t.length() && (asciiSpace(t.charAt(i + w.length())) || t.charAt(i + w.length()) == ':')
        && LOCATION_TRIGGER_WORDS.contains(w.toLowerCase(Locale.ROOT));
  }

  private static final String[] PERSON_VERBS = {
    "lives", "lived", "resides", "resided", "is", "was", "works", "worked", "said", "says", "told", "shouted", "spent",
    "will", "has", "had", "wrote", "began", "sings", "sang", "reports", "reported", "denies", "denied", "complains",
    "complained", "presents", "presented", "states", "stated", "killers", "kid", "family"
  };
  static final boolean[] PERSON_VERB_PREFIXES = prefixTable(2, PERSON_VERBS);
  private static final String[] PERSON_VERB_PHRASES = {
    "lives", "lived", "resides", "resided", "is from", "was born", "works", "worked", "said", "says", "told", "shouted",
    "spent", "will be", "has been", "had", "wrote", "began", "sings", "sang", "reports", "reported", "denies", "denied",
    "complains", "complained", "presents", "presented", "states", "stated", "killers", "kid", "family", "is very"
  };

  private static boolean startsWithPersonVerb(String t, int i) {
    for (String v : PERSON_VERB_PHRASES) {
      if (t.startsWith(v, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Blocks of spaces BEFORE_PERSON_VERB can hold: a first name, an initial, two more words each after a particle
   * of up to two words, and the verb ("Maika B. van de Noort lives").
   */
  static final int PERSON_VERB_GAPS = 8;

  static final boolean[] CONJUNCTION_PREFIXES = prefixTable(2, "and", "or");

  /**
   * Capitals from which letters, apostrophes, hyphens, dots, commas and at most {@code maxGaps} blocks of spaces
   * reach a word whose first two letters are in {@code prefixes} (or an ampersand): where a pattern made of
   * capitalised words before such a word can start.
   */
  static AnchoredMatcher.Starts wordsBefore(String text, AnchoredMatcher.Tokens tokens, boolean[] prefixes, int maxGaps) {
    int[] ends = new int[8];
    int count = 0;
    for (int k = 0; k < tokens.size(); k++) {
      int i = tokens.at(k);
      if (text.charAt(i) == '&' || asciiWordStart(text, i) && hasPrefix(prefixes, 2, text, i)
          && (prefixes != PERSON_VERB_PREFIXES || startsWithPersonVerb(text, i))) {
        if (count == ends.length) {
          ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        ends[count++] = i;
      }
    }
    if (count == 0) {
      return (t, i) -> false;
    }
    boolean[] marks =
        reachBack(text, java.util.Arrays.copyOf(ends, count),
            c -> Character.isLetter(c) || Character.isSurrogate(c) || c == '\'' || c == '’' || c == '-' || c == '.' || c == ','
                || asciiSpace(c),
            maxGaps);
    return (t, i) -> marks[i] && capital(t.charAt(i));
  }

  /** Where a quote or a sentence ends: QUOTE_SPEAKER starts there. */
  static boolean quoteEndStart(String t, int i) {
    return "\"\u201d'\u2019!?,.".indexOf(t.charAt(i)) >= 0;
  }

  /** A capital: where {@code \\b\\p{Lu}} can start. */
  static boolean capitalStart(String t, int i) {
    return capital(t.charAt(i));
  }

  /** A capital with only spaces or tabs (at most eight) between it and the start of its line. */
  static boolean lineStartCapital(String t, int i) {
    if (!capital(t.charAt(i))) {
      return false;
    }
    int k = i - 1;
    while (k >= 0 && i - k <= 9 && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
      k--;
    }
    // quote and bullet marks at the start of the line ("> ", "* ")
    int marks = 0;
    while (k >= 0 && marks < 3 && LINE_MARKS.indexOf(t.charAt(k)) >= 0) {
      k--;
      marks++;
    }
    while (marks > 0 && k >= 0 && i - k <= 16 && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
      k--;
    }
    return k < 0 || t.charAt(k) == '\n' || t.charAt(k) == '\r' || t.charAt(k) == '\u0085' || t.charAt(k) == '\u2028'
        || t.charAt(k) == '\u2029';
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

  static boolean titleStart(String t, int i) {
    if (!asciiWordStart(t, i)) {
      return false;
    }
    String w = wordAt(t, i, 7);
    if (w == null) {
      return false;
    }
    return Character.isUpperCase(t.charAt(i)) ? TITLE_WORDS.contains(w)
        : LOWER_CASE_TITLES.contains(w) && i + w.length() < t.length() && t.charAt(i + w.length()) == '.';
  }

  /** The word "name" in any case: where NAME_ANSWER starts. */
  static boolean nameWordStart(String t, int i) {
    return asciiWordStart(t, i) && (t.charAt(i) | 0x20) == 'n' && t.regionMatches(true, i, "name", 0, 4);
  }

  static boolean nameContextStart(String t, int i) {
    if (!asciiWordStart(t, i)) {
      return false;
    }
    if ((t.charAt(i) | 0x20) == 'i' && (i + 1 == t.length() || !Character.isLetter(t.charAt(i + 1)))) {
      return true; // "I am", "I'm"
    }
    if (!hasPrefix(NAME_CONTEXT_PREFIXES, 2, t, i)) {
      return false;
    }
    String w = wordAt(t, i, 14);
    return w != null && NAME_CONTEXT_WORDS.contains(w.toLowerCase(Locale.ROOT));
  }

  @FunctionalInterface
  private interface CharTest {
    boolean test(char c);
  }

  private static boolean capital(char c) {
    return Character.isUpperCase(c) || Character.isSurrogate(c);
  }

  /**
   * Marks the positions {@code i} from which a run of {@code inRun} characters with at most {@code maxGaps}
   * blocks of spaces reaches one of {@code ends} (sorted): walking back from each end, never past the end before
   * it (whose walk marked what lies beyond already), so a text costs one pass.
   */
  private static boolean[] reachBack(String t, int[] ends, CharTest inRun, int maxGaps) {
    boolean[] marks = new boolean[t.length() + 1];
    int floor = 0;
    for (int e : ends) {
      int gaps = 0;
      for (int i = e - 1; i >= floor && inRun.test(t.charAt(i)); i--) {
        if (asciiSpace(t.charAt(i)) && !asciiSpace(t.charAt(i + 1)) && ++gaps > maxGaps) {
          break;
        }
        marks[i] = true;
      }
      floor = e;
    }
    return marks;
  }

  private static int digitCount(String s) {
    int d = 0;
    for (int i = 0; i < s.length(); i++) {
      d += asciiDigit(s.charAt(i)) ? 1 : 0;
    }
    return d;
  }

  /** The positions where a number starts (a digit after a non-digit). */
  static int[] digitStarts(String text, AnchoredMatcher.Tokens tokens) {
    int[] out = new int[Math.min(64, tokens.size())];
    int count = 0;
    for (int k = 0; k < tokens.size(); k++) {
      int i = tokens.at(k);
      if (digitStart(text, i)) {
        if (count == out.length) {
          out = java.util.Arrays.copyOf(out, Math.max(8, count * 2));
        }
        out[count++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, count);
  }

  private static boolean wordNumberRunChar(char c) {
    return Character.isLetter(c) || Character.isSurrogate(c) || c == '\'' || c == '’' || c == '.' || c == '-' || asciiSpace(c);
  }

  private static boolean facilityRunChar(char c) {
    return wordNumberRunChar(c) || c == '&';
  }

  private static boolean labelRunChar(char c) {
    return Character.isLetter(c) || asciiSpace(c) || c == '.' || c == '#' || c == '\'' || c == '=' || c == ':' || c == '-';
  }

  /**
   * WORD_NUMBER is a capital, up to three more words and a number: it can start only at a capital from which
   * letters, apostrophes, dots, hyphens and at most four blocks of spaces reach a digit. Null without digits.
   */
  static AnchoredMatcher.Starts wordNumberStarts(String text, int[] digits) {
    if (digits.length == 0) {
      return null;
    }
    boolean[] marks = reachBack(text, digits, NoteDetector::wordNumberRunChar, 4);
    return (t, i) -> marks[i] && capital(t.charAt(i));
  }

  /**
   * LABELLED_ID is a label, at most a few separator words and a value with a digit: it can start only at a label
   * from which letters, spaces and {@code .#'=:-} reach a digit. Null without digits.
   */
  static AnchoredMatcher.Starts labelStarts(String text, int[] digits) {
    if (digits.length == 0) {
      return null;
    }
    boolean[] marks = reachBack(text, digits, NoteDetector::labelRunChar, 8);
    return (t, i) -> marks[i] && labelStart(t, i);
  }

  /**
   * FACILITY is an optional "St."/"Saint"/"Mount", one to five capitalised words (each maybe followed by a
   * connector) and a facility word, or "University of ...": it can start only at a capital from which letters,
   * apostrophes, dots, ampersands, hyphens and at most eleven blocks of spaces reach a facility word, or at a
   * facility word. Null when the text has no word that starts like a facility word.
   */
  static AnchoredMatcher.Starts facilityStarts(String text, AnchoredMatcher.Tokens tokens) {
    int[] heads = new int[8];
    int count = 0;
    for (int k = 0; k < tokens.size(); k++) {
      int i = tokens.at(k);
      if (asciiLetter(text.charAt(i)) && (i == 0 || !asciiLetter(text.charAt(i - 1))) && hasPrefix(FACILITY_HEADS, 3, text, i)) {
        if (count == heads.length) {
          heads = java.util.Arrays.copyOf(heads, count * 2);
        }
        heads[count++] = i;
      }
    }
    if (count == 0) {
      return null;
    }
    heads = java.util.Arrays.copyOf(heads, count);
    boolean[] marks = reachBack(text, heads, NoteDetector::facilityRunChar, 11);
    boolean[] isHead = new boolean[text.length()];
    for (int h : heads) {
      isHead[h] = true;
    }
    return (t, i) -> isHead[i] || marks[i] && capital(t.charAt(i));
  }

  /** Words as {@code [\p{L}][\p{L}\p{M}'’-]*} finds them: {start, end} pairs in order. */
  private static List<int[]> words(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int j = i + Character.charCount(cp);
      while (j < n) {
        int c = text.codePointAt(j);
        int type = Character.getType(c);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
            || type == Character.COMBINING_SPACING_MARK;
        if (!(Character.isLetter(c) || mark || c == '\'' || c == '’' || c == '-')) {
          break;
        }
        j += Character.charCount(c);
      }
      out.add(new int[] {i, j});
      i = j;
    }
    return out;
  }

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
      findAll(new AnchoredMatcher(URL, text, tokens, NoteDetector::urlStart), PhiType.URL, spans);
    }
    if (dots || text.indexOf(':') >= 0) {
      findAll(new AnchoredMatcher(IP, text, tokens, NoteDetector::ipStart), PhiType.IP, spans);
    }
    findAll(new AnchoredMatcher(SSN, text, tokens, NoteDetector::ssnStart), PhiType.SSN, spans);
    findPhones(text, tokens, spans);
    findLabelledIds(text, tokens, digits, spans);
    findCodeTokens(text, tokens, spans);
    findAll(new AnchoredMatcher(IBAN, text, tokens, NoteDetector::ibanStart), PhiType.ACCOUNT, spans);
    findAll(new AnchoredMatcher(STREET, text, tokens, NoteDetector::streetStart), PhiType.ADDRESS, spans);
    findAll(new AnchoredMatcher(SECONDARY_UNIT, text, tokens, NoteDetector::unitStart), PhiType.ADDRESS, spans);
    findAll(new AnchoredMatcher(PO_BOX, text, tokens, NoteDetector::poBoxStart), PhiType.ADDRESS, spans);
    findWordNumberAddresses(text, tokens, digits, spans);
    if (digits.length > 0) {
      findAll(new AnchoredMatcher(STREET_TYPE_FIRST, text, tokens, NoteDetector::streetTypeFirstStart), PhiType.ADDRESS, spans);
      findAll(new AnchoredMatcher(STREET_TYPE_FIRST_NUMBERED, text, tokens, NoteDetector::streetStart), PhiType.ADDRESS, spans);
    }
    if (text.indexOf("orner of") >= 0) {
      findAll(CORNER, text, PhiType.ADDRESS, spans);
    }
    findAll(new AnchoredMatcher(ZIP, text, tokens, NoteDetector::zipStart), PhiType.ZIP, spans);
    findAll(new AnchoredMatcher(POSTAL_CA, text, tokens, NoteDetector::postalCaStart), PhiType.ZIP, spans);
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

  // ---------------------------------------------------------------- patterns

  private static void findAll(Pattern p, String text, PhiType type, List<PhiSpan> out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(new PhiSpan(m.start(), m.end(), type));
      }
    }
  }

  private static void findAll(AnchoredMatcher m, PhiType type, List<PhiSpan> out) {
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(new PhiSpan(m.start(), m.end(), type));
      }
    }
  }

  private static void findDates(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher m = new AnchoredMatcher(DATE, text, tokens, NoteDetector::dateStart);
    while (m.find()) {
      String s = m.group();
      if (Regexes.matches(s, "\\d{1,2}/\\d{1,2}") && !plausiblePartialDate(text, m.start(), m.end(), s)) {
        continue;
      }
      if (Regexes.matches(s, "(?i)may\\s+\\d.*") && Character.isLowerCase(s.charAt(0)) && !Regexes.matches(s, "(?i)may\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+\\d{4}")) {
        continue;
      }
      if (Regexes.matches(s, "(?i)(mar|dec|jan|sept?|oct|nov|aug|jun|jul|apr|feb)\\s+\\d{1,2}") && Character.isLowerCase(s.charAt(0))) {
        continue;
      }
      if (Regexes.matches(s, "\\d{1,2}[.]\\d{1,2}[.]\\d{2}")) {
        continue; // version-like numbers such as 1.2.10
      }
      out.add(new PhiSpan(m.start(), m.end(), PhiType.DATE));
    }
    findAll(new AnchoredMatcher(CONTEXT_YEAR, text, tokens, NoteDetector::yearStart), PhiType.DATE, out);
  }

  /** Years after "in", "since", "a" ... in a sentence that also holds a name, a place or an address span. */
  private static void findYearsNearIdentities(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> spans) {
    java.util.BitSet identity = null;
    AnchoredMatcher m = new AnchoredMatcher(YEAR_AFTER_WORD, text, tokens, NoteDetector::yearStart);
    List<PhiSpan> years = new ArrayList<>();
    while (m.find()) {
      if (identity == null) {
        identity = new java.util.BitSet(text.length());
        for (PhiSpan s : spans) {
          if (s.type() == PhiType.NAME || s.type() == PhiType.LOCATION || s.type() == PhiType.ADDRESS) {
            identity.set(s.start(), s.end());
          }
        }
        if (identity.isEmpty()) {
          return;
        }
      }
      int from = sentenceBound(text, m.start(), -1);
      int to = sentenceBound(text, m.end(), 1);
      int hit = identity.nextSetBit(from);
      if (hit >= 0 && hit < to) {
        years.add(new PhiSpan(m.start(), m.end(), PhiType.DATE));
      }
    }
    spans.addAll(years);
  }

  /**
   * The sentence holding {@code i}, at most the reach each way: {@code step} -1 gives where it begins (after a
   * line break or a full stop), +1 where it ends (at one).
   */
  private static int sentenceBound(String text, int i, int step) {
    int limit = step < 0 ? Math.max(0, i - YEAR_SENTENCE_REACH) : Math.min(text.length(), i + YEAR_SENTENCE_REACH);
    for (int k = step < 0 ? i - 1 : i; step < 0 ? k > limit : k < limit; k += step) {
      char c = text.charAt(k);
      if (c == '\n' || (c == '.' || c == '!' || c == '?') && sentenceStop(text, k)) {
        return step < 0 ? k + 1 : k;
      }
    }
    return limit;
  }

  /**
   * A stop at {@code k} ends a sentence when a blank or the end follows and it does not close an abbreviation
   * or an initial ("Ltd.", "Dr.", "J."): a capitalised word of up to three letters.
   */
  private static boolean sentenceStop(String text, int k) {
    if (k + 1 < text.length() && !Character.isWhitespace(text.charAt(k + 1))) {
      return false;
    }
    if (text.charAt(k) != '.') {
      return true;
    }
    int w = k;
    while (w > 0 && Character.isLetter(text.charAt(w - 1)) && k - w < 4) {
      w--;
    }
    return !(k - w <= 3 && k > w && Character.isUpperCase(text.charAt(w)) && (w == 0 || !Character.isLetter(text.charAt(w - 1))));
  }

  /** A bare {@code m/d} is a date unless it reads as a score, a fraction or a dose. */
  private static boolean plausiblePartialDate(String text, int start, int end, String s) {
    String[] parts = s.split("[/\\s-]+");
    int a = Integer.parseInt(parts[0]);
    int b = Integer.parseInt(parts[1]);
    if (b == 10 || (a <= 4 && b <= 4) || (a < b && b <= 8)) {
      return false;
    }
    String before = text.substring(Math.max(0, start - 20), start).toLowerCase(Locale.ROOT);
    String after = text.substring(end, Math.min(text.length(), end + 20)).toLowerCase(Locale.ROOT);
    if (Regexes.matches(before, ".*(pain|score|scale|strength|power|rated|ratio|bp|blood pressure|motor|reflexes|murmur|grade)\\W*$")) {
      return false;
    }
    return !Regexes.matches(after, "^\\s*(tab|tablet|cup|dose|strength|of|power|scale|score|mmhg|pain|murmur|vision).*");
  }

  private static void findPhones(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher m = new AnchoredMatcher(PHONE, text, tokens, NoteDetector::phoneStart);
    while (m.find()) {
      String s = m.group();
      int digits = 0;
      for (int i = 0; i < s.length(); i++) {
        if (Character.isDigit(s.charAt(i))) {
          digits++;
        }
      }
      if (digits < 7 || digits > 16) {
        continue;
      }
      if (Regexes.matches(s, "\\d+(?:\\.\\d+)+") && !Regexes.matches(s, "\\d{2}(?:\\.\\d{2}){3,4}|\\d{3}\\.\\d{3}\\.\\d{4}")) {
        continue; // decimals and version numbers, but not "555.201.3344"
      }
      if (!Regexes.matches(s, ".*[-.()+].*") && digits < 8 && !PHONE_CONTEXT_BEFORE.matcher(
          text.substring(Math.max(0, m.start() - 30), m.start()).toLowerCase(Locale.ROOT)).find()) {
        continue; // "467 3395" needs a separator other than space, more digits or a phone word before it
      }
      String before = text.substring(Math.max(0, m.start() - 12), m.start()).toLowerCase(Locale.ROOT);
      PhiType type = before.contains("fax") ? PhiType.FAX : PhiType.PHONE;
      out.add(new PhiSpan(m.start(), m.end(), type));
    }
  }

  private static void findLabelledIds(String text, AnchoredMatcher.Tokens tokens, int[] digits, List<PhiSpan> out) {
    AnchoredMatcher.Starts starts = labelStarts(text, digits);
    if (starts == null) {
      return;
    }
    AnchoredMatcher a = new AnchoredMatcher(LABELLED_ID, text, tokens, starts);
    Matcher m = a.match();
    while (a.find()) {
      String label = m.group(1).toLowerCase(Locale.ROOT);
      String value = m.group(2);
      int valueDigits = digitCount(value);
      if (valueDigits < 2 || Regexes.matches(value, "\\d{1,3}") || Regexes.matches(value, "(?:19|20)\\d\\d")) {
        continue;
      }
      PhiType type =
          label.startsWith("mrn") || label.contains("record") || label.contains("chart")
              ? PhiType.MRN
              : label.contains("acc") || label.contains("acct") || label.contains("policy") || label.contains("plan")
                      || label.contains("member") || label.contains("subscriber") || label.contains("beneficiary")
                      || label.contains("insurance") || label.contains("claim") || label.contains("group")
                  ? PhiType.ACCOUNT
                  : label.contains("lic") || label.contains("certificate") || label.contains("passport")
                          || label.equals("npi") || label.equals("dea")
                      ? PhiType.LICENSE
                      : PhiType.ID;
      int start = type == PhiType.ID ? m.start() : m.start(2);
      out.add(new PhiSpan(start, m.end(2), type));
    }
  }

  /** Code-like tokens with many digits: record numbers, plan ids, card and account numbers. */
  private static void findCodeTokens(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher m = new AnchoredMatcher(CODE_TOKEN, text, tokens, NoteDetector::codeTokenStart);
    while (m.find()) {
      String s = m.group();
      int digits = 0;
      int letters = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isDigit(c)) {
          digits++;
        } else if (Character.isLetter(c)) {
          letters++;
        }
      }
      if (digits < 4 || (digits == 4 && letters == 0 && !s.contains("-"))) {
        continue; // a 4-digit number is usually a year or a quantity
      }
      if (Regexes.matches(s, "(?:19|20)\\d\\d(?:-(?:19|20)?\\d\\d)?") || Regexes.matches(s, "(?:19|20)\\d\\d'?s")) {
        continue;
      }
      if (digits == 4 && letters > 0 && Regexes.matches(s, "(?i)[a-z]+-?(?:19|20)\\d\\d")) {
        continue; // COVID-2019 style
      }
      if (digits < 5 && !s.contains("-") && letters == 0) {
        continue;
      }
      String after = text.substring(m.end(), Math.min(text.length(), m.end() + 12)).toLowerCase(Locale.ROOT);
      if (letters == 0 && Regexes.matches(after, "^\\s*(?:units?|iu|mg|mcg|ml|cells|copies|steps|calories|kcal|dollars|people|patients|cases|/).*")) {
        continue;
      }
      PhiType type = letters == 0 && digits >= 13 && !s.contains("-") ? PhiType.ACCOUNT : PhiType.ID;
      out.add(new PhiSpan(m.start(), m.end(), type));
    }
  }

  private void findWordNumberAddresses(String text, AnchoredMatcher.Tokens tokens, int[] digits, List<PhiSpan> out) {
    AnchoredMatcher.Starts starts = wordNumberStarts(text, digits);
    if (starts == null) {
      return;
    }
    AnchoredMatcher a = new AnchoredMatcher(WORD_NUMBER, text, tokens, starts);
    Matcher m = a.match();
    while (a.find()) {
      String words = m.group(1);
      String first = NAME_MARKS.matcher(SPACES.split(words)[0].toLowerCase(Locale.ROOT)).replaceAll("");
      Matcher house = HOUSE_NUMBER_BEFORE.matcher(text.substring(Math.max(0, m.start() - 8), m.start()));
      boolean numbered = house.find();
      // "3482 Via Franscini 71": a house number of three or more digits before makes the words a street
      boolean longHouseNumber = numbered && house.group().strip().length() >= 3;
      if (streetAfterPreposition(text, m, first)) {
        out.add(new PhiSpan(m.start(), m.end(), PhiType.ADDRESS));
        continue;
      }
      if (MEDICAL_ACRONYMS.contains(first.toUpperCase(Locale.ROOT))
          || !longHouseNumber && (lexicon.isVocabulary(first) || lexicon.isName(first))) {
        // "Dexter lives on Ziegelgasse 19": the words after a name or an ordinary word may still be a street
        a.skipFirstStart();
        continue;
      }
      boolean foreign = !Regexes.matches(words, "[A-Za-z'’.\\s-]+");
      boolean street = ENDS_WITH_STREET_TYPE.matcher(words.toLowerCase(Locale.ROOT)).matches();
      String before = text.substring(Math.max(0, m.start() - 40), m.start()).toLowerCase(Locale.ROOT);
      // "moved to Springfield 2014": after context words alone a year is no house number
      boolean context = ADDRESS_CONTEXT_BEFORE.matcher(before).matches() && !Regexes.matches(m.group(2), "(?:19|20)\\d\\d");
      if (foreign || street || context || numbered) {
        int start = numbered ? m.start() - (house.end() - house.start()) : m.start();
        int end = m.end();
        // "Király u. 15." : the house number's dot, when a space or the end follows
        if (end < text.length() && text.charAt(end) == '.' && (end + 1 == text.length() || Character.isWhitespace(text.charAt(end + 1)))) {
          end++;
        }
        out.add(new PhiSpan(start, end, PhiType.ADDRESS));
      }
    }
  }

  private static void findAges(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher a = new AnchoredMatcher(AGE, text, tokens, NoteDetector::ageStart);
    Matcher m = a.match();
    while (a.find()) {
      for (int g = 1; g <= 3; g++) {
        if (m.group(g) != null) {
          out.add(new PhiSpan(m.start(g), m.end(g), PhiType.AGE));
          break;
        }
      }
      if (m.group(1) == null && m.group(2) == null && m.group(3) == null) {
        out.add(new PhiSpan(m.start(), m.end(), PhiType.AGE));
      }
    }
  }

  // ---------------------------------------------------------------- locations

  private void findFacilities(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher.Starts starts = facilityStarts(text, tokens);
    if (starts == null) {
      return;
    }
    AnchoredMatcher m = new AnchoredMatcher(FACILITY, text, tokens, starts);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      // trim leading common words ("The", "Seen", "At") unless the whole is a known facility form
      Matcher w = WORD.matcher(text).region(start, end);
      while (w.find()) {
        String lower = POSSESSIVE.matcher(w.group().toLowerCase(Locale.ROOT)).replaceAll("");
        if (isFacilityHead(lower)) {
          break;
        }
        boolean lowerInitial = Character.isLowerCase(w.group().charAt(0));
        if (LEADING_NOISE.contains(lower) || lowerInitial && lexicon.isVocabulary(lower)) {
          start = w.end();
          while (start < end && !Character.isLetter(text.charAt(start))) {
            start++;
          }
          continue;
        }
        break;
      }
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (end <= start || isFacilityWord(text.substring(start, end).toLowerCase(Locale.ROOT))) {
        continue;
      }
      String span = text.substring(start, end);
      String[] spanWords = SPACES.split(span);
      String head = spanWords[0];
      if (!head.isEmpty() && MEDICAL_ACRONYMS.contains(head.toUpperCase(Locale.ROOT)) && spanWords.length <= 2) {
        continue;
      }
      end = extendState(text, end);
      out.add(new PhiSpan(start, end, PhiType.LOCATION));
    }
  }

  /**
   * Two or more capitalised words, the first no ordinary word (a first name may be: streets are named after
   * people), and a house number that ends the clause, right after "on" or "at": "is on Peter Vosstraat 18."
   * One word is not enough ("on Eliquis 5." is a dose).
   */
  private boolean streetAfterPreposition(String text, Matcher m, String first) {
    String words = m.group(1);
    String last = words.substring(words.lastIndexOf(' ') + 1);
    // "on Toprol XL 50." : an acronym ends a drug's name, not a street's
    if (words.indexOf(' ') < 0 || !Character.isUpperCase(last.charAt(0)) || last.equals(last.toUpperCase(Locale.ROOT))
        || MEDICAL_ACRONYMS.contains(first.toUpperCase(Locale.ROOT))
        || lexicon.isVocabulary(first) && !lexicon.isName(first) || Regexes.matches(m.group(2), "(?:19|20)\\d\\d")) {
      return false;
    }
    String before = text.substring(Math.max(0, m.start() - 10), m.start());
    if (!STREET_PREPOSITION_BEFORE.matcher(before).find()) {
      return false;
    }
    // every word capitalised and none a month: "at Oakvale Hospital on April 12, 2023" is a place and a date
    for (String w : SPACES.split(words)) {
      if (!Character.isUpperCase(w.charAt(0)) || MONTH_WORD.matcher(w.toLowerCase(Locale.ROOT)).matches()) {
        return false;
      }
    }
    return CLAUSE_END_AFTER.matcher(text.substring(m.end(), Math.min(text.length(), m.end() + 4))).find();
  }

  private static boolean isFacilityHead(String lower) {
    return lower.equals("st") || lower.equals("saint") || lower.equals("mount") || lower.equals("mt")
        || lower.equals("university") || lower.equals("general") || lower.equals("memorial") || lower.equals("regional")
        || lower.equals("county") || lower.equals("community") || lower.equals("methodist") || lower.equals("baptist")
        || lower.equals("presbyterian") || lower.equals("mercy") || lower.equals("sacred") || lower.equals("good")
        || lower.equals("children") || lower.equals("valley") || lower.equals("lakeside") || lower.equals("riverside");
  }

  private static boolean isFacilityWord(String lower) {
    return FACILITY_WORD_ONLY.matcher(lower).matches();
  }

  private static int extendParticles(String text, int end) {
    Matcher m = lookingAtFrom(PLACE_PARTICLE_TAIL, text, end);
    return m != null ? m.end() : end;
  }

  /** {@code p} matched at {@code from} (look-behinds see the text before it), or null. */
  private static Matcher lookingAtFrom(Pattern p, String text, int from) {
    Matcher m = p.matcher(text).region(from, text.length());
    m.useTransparentBounds(true);
    return m.lookingAt() ? m : null;
  }

  /**
   * For each span of {@code type} found so far, {@code tail} matched right after it; {@code add} makes the
   * span to add from the found span and the match.
   */
  private static void addAfterSpans(
      String text, List<PhiSpan> spans, PhiType type, Pattern tail, java.util.function.BiFunction<PhiSpan, Matcher, PhiSpan> add) {
    int n = spans.size();
    for (int k = 0; k < n; k++) {
      PhiSpan s = spans.get(k);
      if (s.type() == type) {
        Matcher m = lookingAtFrom(tail, text, s.end());
        if (m != null) {
          spans.add(add.apply(s, m));
        }
      }
    }
  }

  private static int extendState(String text, int end) {
    Matcher s = STATE_AFTER.matcher(text).region(end, text.length());
    s.useTransparentBounds(true);
    s.useAnchoringBounds(true);
    if (s.lookingAt() && text.charAt(end) == ',') {
      return s.end();
    }
    return end;
  }

  private void findPlaces(String text, AnchoredMatcher.Tokens tokens, boolean caps, List<PhiSpan> out) {
    // in mixed-case text only capitalised places count
    List<int[]> found = matchesFrom(lexicon.places(), text, i -> caps || Character.isUpperCase(text.charAt(i)));
    for (int[] e : found) {
      int start = e[0];
      int end = e[1];
      String s = text.substring(start, end);
      String lower = s.toLowerCase(Locale.ROOT);
      if (lexicon.isName(lower) && !s.contains(" ") && !caps) {
        // a one-word place that is also a name: a name when a name token is next to it
        if (nextWordIsCapitalised(text, end)) {
          continue;
        }
      }
      if (followedByEponymWord(text, end)) {
        continue;
      }
      if (sentenceStart(text, start) && !s.contains(" ") && !followedByComma(text, end)) {
        continue;
      }
      out.add(new PhiSpan(start, extendState(text, extendParticles(text, end)), PhiType.LOCATION));
    }
    findCountries(text, caps, out);
    AnchoredMatcher a = new AnchoredMatcher(LOCATION_TRIGGER, text, tokens, NoteDetector::locationTriggerStart);
    Matcher m = a.match();
    while (a.find()) {
      int start = m.start(1);
      int end = m.end(1);
      String s = m.group(1);
      String firstWord = TRAILING_PUNCTUATION.matcher(SPACES.split(s)[0]).replaceAll("");
      String lower = firstWord.toLowerCase(Locale.ROOT);
      boolean single = !s.strip().contains(" ");
      boolean placeLead = !single && PLACE_LEADING_WORDS.contains(lower);
      if (single && lexicon.isVocabulary(lower) || MEDICAL_ACRONYMS.contains(firstWord) || MONTH_WORD.matcher(lower).matches()
          || lexicon.isCommonWord(lower) && !lexicon.isName(lower) && !placeLead || followedByEponymWord(text, end)) {
        continue;
      }
      if (s.equals(s.toUpperCase(Locale.ROOT)) && s.length() <= 1) {
        continue;
      }
      while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
        end--;
      }
      // drop trailing words that are ordinary vocabulary ("Boston Tuesday" stays; "Lakeside Clinic" ok);
      // keep a district in brackets ("Unionville (Orange)"); not in capitals, where brackets hold coding tags
      // ("PRONE POSITION (PROCEDURE)")
      out.add(new PhiSpan(start, extendState(text, caps ? end : extendParticles(text, end)), PhiType.LOCATION));
    }
  }

  /** The whole-word matches of {@code trie} that start where {@code startsAt} allows, as {start, end}. */
  private static List<int[]> matchesFrom(WordTrie trie, String text, java.util.function.IntPredicate startsAt) {
    List<int[]> found = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (startsAt.test(i)) {
        trie.matchAt(text, i, (start, end) -> found.add(new int[] {start, end}));
      }
    }
    return found;
  }

  /**
   * Country names, which the i2b2 de-identification guidelines count as locations: capitalised in mixed-case
   * text, any case in texts in capitals or without capitals. Unlike town names they need no context, except a
   * country that is also a first name before a capitalised word ("Chad Moore") and one that is an ordinary
   * word at a sentence start or in a text without capitals ("Turkey sandwich", "guinea pig").
   */
  private void findCountries(String text, boolean caps, List<PhiSpan> out) {
    boolean lowerText = !caps && noCapitals(text);
    List<int[]> found =
        matchesFrom(
            lexicon.countries(),
            text,
            i -> caps || Character.isUpperCase(text.charAt(i)) || lowerText && Character.isLetter(text.charAt(i)));
    for (int[] e : found) {
      String s = text.substring(e[0], e[1]);
      boolean single = s.indexOf(' ') < 0;
      String lower = s.toLowerCase(Locale.ROOT);
      boolean vocabulary = single && lexicon.isVocabulary(lower);
      boolean acronym = !caps && s.equals(s.toUpperCase(Locale.ROOT)); // "CHAD2DS2-VASc" in mixed-case text
      if (acronym || e[1] < text.length() && Character.isDigit(text.charAt(e[1]))
          || single && !caps && lexicon.isFirstName(lower) && nextWordIsCapitalised(text, e[1])
          || vocabulary && (lowerText || sentenceStart(text, e[0])) || followedByEponymWord(text, e[1])) {
        continue;
      }
      out.add(new PhiSpan(e[0], extendState(text, extendParticles(text, e[1])), PhiType.LOCATION));
      addPlaceLineAbove(text, e[0], out);
    }
  }

  /** The line above a country that starts its line, in an address block: the town ("Lahti\nFinland"). */
  private void addPlaceLineAbove(String text, int countryStart, List<PhiSpan> out) {
    int lineStart = countryStart;
    while (lineStart > 0 && BLANKS_AND_LINE_MARKS.indexOf(text.charAt(lineStart - 1)) >= 0) {
      lineStart--;
    }
    if (lineStart == 0 || text.charAt(lineStart - 1) != '\n') {
      return;
    }
    int aboveEnd = lineStart - 1;
    int aboveStart = text.lastIndexOf('\n', aboveEnd - 1) + 1;
    Matcher m = PLACE_LINE.matcher(text).region(aboveStart, aboveEnd);
    if (m.matches()) {
      String first = SPACES.split(m.group(1))[0].toLowerCase(Locale.ROOT);
      if (!lexicon.isVocabulary(first) && !MEDICAL_ACRONYMS.contains(first.toUpperCase(Locale.ROOT))) {
        out.add(new PhiSpan(m.start(1), m.end(1), PhiType.LOCATION));
      }
    }
  }

  /** In a text without capitals: a place after "lives in", "flew to", ... that is no ordinary word. */
  private void findLowerCasePlaces(String text, List<PhiSpan> out) {
    Matcher m = LOCATION_TRIGGER_LOWER.matcher(text);
    while (m.find()) {
      String first = SPACES.split(m.group(1))[0];
      if (!lexicon.isVocabulary(first) && !MONTH_WORD.matcher(first).matches() && !DAY_NAMES.contains(first)) {
        out.add(new PhiSpan(m.start(1), m.end(1), PhiType.LOCATION));
      }
    }
  }

  /** A number of four or five digits (or "ddd dd") just after a place found so far is its postal code. */
  private static void findPostalCodesAfterPlaces(String text, List<PhiSpan> spans) {
    addAfterSpans(text, spans, PhiType.LOCATION, POSTAL_AFTER_PLACE, (s, m) -> new PhiSpan(m.start(1), m.end(1), PhiType.ZIP));
    addAfterSpans(text, spans, PhiType.LOCATION, DISTRICT_NUMBER, (s, m) -> new PhiSpan(s.start(), m.end(), PhiType.LOCATION));
  }

  // ---------------------------------------------------------------- names

  private void findNames(String text, AnchoredMatcher.Tokens tokens, boolean caps, List<PhiSpan> out) {
    AnchoredMatcher ta = new AnchoredMatcher(TITLE, text, tokens, NoteDetector::titleStart);
    Matcher t = ta.match();
    while (ta.find()) {
      int end = trimTrailing(text, t.start(1), t.end(1));
      end = trimVocabularyTail(text, t.start(1), end);
      if (Character.isLowerCase(text.charAt(t.start())) && !unknownOrListed(SPACES.split(text.substring(t.start(1), end))[0])) {
        continue; // "ms. Symptoms": after a lower-case title only a name or an unknown word
      }
      if (end > t.start(1)) {
        out.add(new PhiSpan(t.start(), end, PhiType.NAME));
      }
    }
    AnchoredMatcher ca = new AnchoredMatcher(NAME_CONTEXT, text, tokens, NoteDetector::nameContextStart);
    Matcher c = ca.match();
    while (ca.find()) {
      int start = c.start(1);
      int end = trimVocabularyTail(text, start, trimTrailing(text, start, c.end(1)));
      if (end <= start) {
        continue;
      }
      String first = TRAILING_NAME_MARKS.matcher(SPACES.split(text.substring(start, end))[0]).replaceAll("").toLowerCase(Locale.ROOT);
      if (lexicon.isVocabulary(first) && !lexicon.isName(first)) {
        continue;
      }
      if (MEDICAL_ACRONYMS.contains(first.toUpperCase(Locale.ROOT))) {
        continue;
      }
      if (c.group().toLowerCase(Locale.ROOT).startsWith("by ") && !lexicon.isName(first)) {
        continue;
      }
      out.add(new PhiSpan(start, end, PhiType.NAME));
    }
    // dictionary names, grouped with adjacent capitalised words and initials
    List<int[]> words = words(text);
    int n = words.size();
    int[] kind = new int[n]; // 0 none, 1 weak (capitalised unknown / ambiguous name / initial), 2 strong name
    for (int i = 0; i < n; i++) {
      kind[i] = classify(text, words.get(i)[0], words.get(i)[1], caps);
    }
    int i = 0;
    while (i < n) {
      if (kind[i] == 0) {
        i++;
        continue;
      }
      int j = i;
      boolean strong = kind[i] == 2;
      while (j + 1 < n && kind[j + 1] > 0 && adjacent(text, words.get(j)[1], words.get(j + 1)[0])) {
        j++;
        strong |= kind[j] == 2;
      }
      int strongCount = 0;
      for (int k = i; k <= j; k++) {
        if (kind[k] == 2) {
          strongCount++;
        }
      }
      int unknown = 0;
      boolean accented = false;
      for (int k = i; k <= j; k++) {
        String wk = text.substring(words.get(k)[0], words.get(k)[1]);
        boolean initialWord = k == i && sentenceStart(text, words.get(k)[0]);
        if (kind[k] == 1 && wk.length() > 1 && !initialWord && !lexicon.isVocabulary(wk.toLowerCase(Locale.ROOT))) {
          unknown++;
          accented |= !Regexes.matches(wk, "[A-Za-z'’-]+");
        }
      }
      // two unknown capitalised words in a row ("Tomomi Nishiyama"), or one with letters English words
      // rarely have ("Kónya"), read as a name too
      // a sentence-initial word with letters English words rarely have, then an unknown one ("Rościsław Dudek")
      String head = text.substring(words.get(i)[0], words.get(i)[1]);
      boolean foreignHead = j > i && unknown >= 1 && kind[i] == 1 && !Regexes.matches(head, "[A-Za-z'’-]+")
          && !lexicon.isVocabulary(head.toLowerCase(Locale.ROOT));
      boolean accept = strong && (j > i || strongCount >= 1) || unknown >= 2 && !caps || foreignHead && !caps
          || accented && !caps && (j > i || !sentenceStart(text, words.get(i)[0]) || speakerLabel(text, words.get(j)[1]));
      if (accept && j == i && sentenceStart(text, words.get(i)[0]) && !caps) {
        String lower = text.substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT);
        accept = !lexicon.isVocabulary(lower);
      }
      if (accept) {
        int start = words.get(i)[0];
        int end = words.get(j)[1];
        if (end < text.length() && text.charAt(end) == '.' && end - words.get(j)[0] == 1) {
          end++;
        }
        // "Anna S." : a trailing initial
        Matcher init = TRAILING_INITIAL.matcher(text).region(end, Math.min(text.length(), end + 3));
        init.useAnchoringBounds(true);
        if (init.lookingAt()) {
          end = init.end();
        }
        out.add(new PhiSpan(start, end, PhiType.NAME));
      }
      i = j + 1;
    }
  }

  /** A word that can be part of a name: not an ordinary or clinical word unless it is also a name. */
  private boolean nameLike(String word) {
    String lower = withoutPossessive(word).toLowerCase(Locale.ROOT);
    if (lower.length() < 2 || MEDICAL_ACRONYMS.contains(word.toUpperCase(Locale.ROOT)) || MONTH_WORD.matcher(lower).matches()) {
      return false;
    }
    if (word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT))) {
      return false; // an acronym in mixed-case text
    }
    return !lexicon.isVocabulary(lower) || lexicon.isName(lower);
  }

  /** A capitalised word that is not an acronym, a month or a clinical acronym. */
  private static boolean capitalisedWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return word.length() >= 2 && !word.equals(word.toUpperCase(Locale.ROOT)) && !MONTH_WORD.matcher(lower).matches()
        && !MEDICAL_ACRONYMS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** A word that can be a name and is a listed name or no ordinary word. */
  private boolean unknownOrListed(String word) {
    String bare = TRAILING_NAME_MARKS.matcher(word).replaceAll("");
    return nameLike(bare) && (listedName(bare) || !lexicon.isVocabulary(withoutPossessive(bare).toLowerCase(Locale.ROOT)));
  }

  private boolean listedName(String word) {
    String lower = withoutPossessive(word).toLowerCase(Locale.ROOT);
    return lexicon.isName(lower) || lexicon.isName(Lexicon.fold(lower));
  }

  /** Name shapes that need no name list: initials between words, people's verbs, lists with a known name, speakers. */
  private void findNamePatterns(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    if (text.indexOf(' ') < 0) {
      return;
    }
    AnchoredMatcher a = new AnchoredMatcher(FIRST_INITIAL_LAST, text, tokens, NoteDetector::capitalStart);
    Matcher m = a.match();
    while (a.find()) {
      boolean firstListed = lexicon.isFirstName(m.group(1).toLowerCase(Locale.ROOT)) && nameLike(m.group(1));
      if (nameLike(m.group(1)) && (nameLike(m.group(2)) || firstListed && capitalisedWord(m.group(2)))
          && !followedByEponymWord(text, m.end())) {
        out.add(new PhiSpan(m.start(), m.end(), PhiType.NAME));
      }
    }
    if (text.indexOf("sa") >= 0 || text.indexOf("ed ") >= 0 || text.indexOf("ote") >= 0) {
      a = new AnchoredMatcher(QUOTE_SPEAKER, text, tokens, NoteDetector::quoteEndStart);
      m = a.match();
      while (a.find()) {
        String first = SPACES.split(m.group(1))[0];
        if (nameLike(first) && (listedName(first) || !lexicon.isVocabulary(first.toLowerCase(Locale.ROOT)))) {
          out.add(new PhiSpan(m.start(1), m.end(1), PhiType.NAME));
        }
      }
    }
    a = new AnchoredMatcher(VOCATIVE, text, tokens, NoteDetector::capitalStart);
    m = a.match();
    while (a.find()) {
      int g = m.group(1) != null ? 1 : 2;
      String word = m.group(g);
      if (nameLike(word) && (listedName(word) || !lexicon.isVocabulary(word.toLowerCase(Locale.ROOT)))
          && !MEDICAL_ACRONYMS.contains(word.toUpperCase(Locale.ROOT))) {
        out.add(new PhiSpan(m.start(g), m.end(g), PhiType.NAME));
      }
    }
    a = new AnchoredMatcher(BEFORE_PERSON_VERB, text, tokens, wordsBefore(text, tokens, PERSON_VERB_PREFIXES, PERSON_VERB_GAPS));
    m = a.match();
    while (a.find()) {
      int start = m.start(1);
      String[] ws = SPACES.split(m.group(1));
      boolean all = true;
      int listed = 0;
      for (String w : ws) {
        if (NAME_PARTICLE_WORDS.contains(w)) {
          continue;
        }
        all &= w.length() <= 2 || nameLike(w);
        listed += listedName(w) ? 1 : 0;
      }
      // a lone sentence-initial word needs to be a known name or unknown ("Metformin was" is vocabulary)
      if (all && (listed > 0 || ws.length > 1 || !lexicon.isVocabulary(ws[0].toLowerCase(Locale.ROOT)))) {
        out.add(new PhiSpan(start, m.end(1), PhiType.NAME));
      }
    }
    a = new AnchoredMatcher(NAME_LIST, text, tokens, wordsBefore(text, tokens, CONJUNCTION_PREFIXES, 12));
    m = a.match();
    while (a.find()) {
      List<int[]> ws = new ArrayList<>();
      Matcher w = WORD.matcher(text).region(m.start(), m.end());
      int listed = 0;
      boolean all = true;
      while (w.find()) {
        String word = w.group();
        if (word.equals("and") || word.equals("or")) {
          continue;
        }
        ws.add(new int[] {w.start(), w.end()});
        listed += listedName(word) ? 1 : 0;
        all &= nameLike(word);
      }
      if (all && listed > 0) {
        for (int[] x : ws) {
          out.add(new PhiSpan(x[0], x[1], PhiType.NAME));
        }
      }
    }
    if (text.indexOf("'s ") >= 0 || text.indexOf("’s ") >= 0) {
      a = new AnchoredMatcher(OWNER_OF_IDENTIFIER, text, tokens, NoteDetector::capitalStart);
      m = a.match();
      while (a.find()) {
        if (unknownOrListed(m.group(1))) {
          out.add(new PhiSpan(m.start(1), m.end(1), PhiType.NAME));
        }
      }
    }
    if (text.indexOf('?') >= 0) {
      a = new AnchoredMatcher(NAME_ANSWER, text, tokens, NoteDetector::nameWordStart);
      m = a.match();
      while (a.find()) {
        // a listed first name, or two or more words that may all be parts of names
        String[] ws = SPACES.split(m.group(1));
        boolean all = true;
        for (String w : ws) {
          all &= w.length() <= 2 || nameLike(w);
        }
        if (all && (ws.length > 1 || listedName(ws[0]))) {
          out.add(new PhiSpan(m.start(1), m.end(1), PhiType.NAME));
        }
      }
    }
    a = new AnchoredMatcher(SPEAKER, text, tokens, NoteDetector::lineStartCapital);
    m = a.match();
    List<int[]> speakers = new ArrayList<>();
    while (a.find()) {
      if (nameLike(m.group(1))) {
        speakers.add(new int[] {m.start(1), m.end(1)});
      }
    }
    if (speakers.size() >= 2) {
      for (int[] x : speakers) {
        out.add(new PhiSpan(x[0], x[1], PhiType.NAME));
      }
    }
    a = new AnchoredMatcher(NAME_LINE, text, tokens, NoteDetector::lineStartCapital);
    m = a.match();
    while (a.find()) {
      boolean all = true;
      boolean listed = false;
      for (String w : SPACES.split(m.group(1))) {
        if (NAME_PARTICLE_WORDS.contains(w)) {
          continue;
        }
        all &= w.length() <= 2 || nameLike(w) && !followedByEponymWord(text, m.end(1));
        listed |= w.length() > 2 && listedName(w) && !lexicon.isCommonWord(w.toLowerCase(Locale.ROOT));
      }
      if (all) {
        out.add(new PhiSpan(m.start(1), m.end(1), PhiType.NAME));
      }
    }
  }

  /** "Ilse Marrow MD", "Kofi Boateng, Jr.": degrees and generational suffixes after a name belong to it. */
  private static void addNameSuffixes(String text, List<PhiSpan> spans) {
    addAfterSpans(text, spans, PhiType.NAME, NAME_SUFFIX, (s, m) -> new PhiSpan(s.start(), m.end(), PhiType.NAME));
  }

  /**
   * In a text without capitals: a listed first name, maybe an initial, and a word that is no ordinary word
   * ("eva kleist", "emidio p lombardo"); lists of three or more such words, half of them listed names.
   */
  private void findLowerCaseNamePairs(String text, List<PhiSpan> out) {
    Matcher m = LOWER_NAME_PAIR.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      String first = m.group(1);
      String last = m.group(3);
      // with an initial between them ("leidy t muris") two words that are no ordinary words need no name list;
      // "a" and "i" are words more often than initials ("to become a market-leading ...")
      boolean initial = m.group(2) != null && !m.group(2).equals("a") && !m.group(2).equals("i");
      boolean known = lexicon.isFirstName(first) || initial;
      if (first.length() >= 3 && known && !lexicon.isVocabulary(first) && last.length() >= 3
          && !lexicon.isVocabulary(last) && !MONTH_WORD.matcher(first).matches()) {
        out.add(new PhiSpan(m.start(), m.end(), PhiType.NAME));
        from = m.end();
      } else {
        from = m.end(1) + 1; // the next pair starts at the next word
      }
    }
    m = LOWER_NAME_LIST.matcher(text);
    while (m.find()) {
      List<int[]> ws = new ArrayList<>();
      int listed = 0;
      boolean all = true;
      Matcher w = WORD.matcher(text).region(m.start(), m.end());
      while (w.find()) {
        String word = w.group();
        if (word.equals("and") || word.equals("or")) {
          continue;
        }
        ws.add(new int[] {w.start(), w.end()});
        listed += lexicon.isName(word) ? 1 : 0;
        all &= !lexicon.isVocabulary(word) || lexicon.isFirstName(word);
      }
      if (all && 2 * listed >= ws.size()) {
        for (int[] x : ws) {
          out.add(new PhiSpan(x[0], x[1], PhiType.NAME));
        }
      }
    }
  }

  /** In a text without capitals: names after a name context ("my name is lena andersson"); speakers' labels. */
  private void findLowerCaseNames(String text, List<PhiSpan> out) {
    // two or more line labels that are listed first names and no ordinary words ("plan:", "mark:" are not)
    Matcher sp = LOWER_SPEAKER.matcher(text);
    List<PhiSpan> speakers = new ArrayList<>();
    while (sp.find()) {
      String w = sp.group(1);
      if (lexicon.isFirstName(w) && !lexicon.isVocabulary(w)) {
        speakers.add(new PhiSpan(sp.start(1), sp.end(1), PhiType.NAME));
      }
    }
    if (speakers.size() >= 2) {
      out.addAll(speakers);
    }
    Matcher m = NAME_CONTEXT_LOWER.matcher(text);
    while (m.find()) {
      int start = m.start(1);
      int end = trimVocabularyTail(text, start, trimTrailing(text, start, m.end(1)));
      if (end <= start) {
        continue;
      }
      String first = SPACES.split(text.substring(start, end))[0];
      if (lexicon.isVocabulary(first) && !lexicon.isName(first) || first.length() < 2) {
        continue;
      }
      out.add(new PhiSpan(start, end, PhiType.NAME));
    }
  }

  static boolean noCapitals(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Every other occurrence of a word already found in a name ("Asya Godina" ... "Asya spent"), same case. */
  private void propagateNames(String text, List<PhiSpan> spans) {
    boolean lowerText = noCapitals(text);
    java.util.Set<String> parts = new java.util.HashSet<>();
    for (PhiSpan s : spans) {
      if (s.type() != PhiType.NAME) {
        continue;
      }
      for (int[] w : words(text.substring(s.start(), s.end()))) {
        String word = withoutPossessive(text.substring(s.start() + w[0], s.start() + w[1]));
        if (word.length() >= 3 && (Character.isUpperCase(word.charAt(0)) || lowerText) && !TITLE_WORDS.contains(word)
            && !lexicon.isVocabulary(word.toLowerCase(Locale.ROOT)) && !MEDICAL_ACRONYMS.contains(word.toUpperCase(Locale.ROOT))) {
          parts.add(word);
        }
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    for (int[] w : words(text)) {
      String word = withoutPossessive(text.substring(w[0], w[1]));
      if (parts.contains(word)) {
        spans.add(new PhiSpan(w[0], w[0] + word.length(), PhiType.NAME));
      }
    }
  }

  /** 2: a dictionary name in name case; 1: a capitalised word that may belong to a name; 0: not a name. */
  private int classify(String text, int start, int end, boolean caps) {
    // a word starts with a letter, which stripping the possessive and trailing marks keeps
    if (!Character.isUpperCase(text.charAt(start))) {
      return 0;
    }
    String word = text.substring(start, end);
    String bare = withoutPossessive(word);
    if (bare.isEmpty()) {
      return 0;
    }
    boolean allUpper = bare.equals(bare.toUpperCase(Locale.ROOT));
    if (bare.length() == 1) {
      boolean dotted = end < text.length() && text.charAt(end) == '.';
      return dotted || !bare.equals("A") && !bare.equals("I") && !caps ? 1 : 0;
    }
    if (allUpper && !caps) {
      return 0; // an acronym in mixed-case text
    }
    String lower = bare.toLowerCase(Locale.ROOT);
    if (MEDICAL_ACRONYMS.contains(bare.toUpperCase(Locale.ROOT)) && (allUpper || bare.length() <= 3)) {
      return 0;
    }
    if (MONTH_WORD.matcher(lower).matches()) {
      // "Jan Novak", "May Lindqvist": a month that is also a first name, before a capitalised word
      return !caps && lexicon.isFirstName(lower) && nextWordIsCapitalised(text, end) ? 1 : 0;
    }
    if (lexicon.isCommonWord(lower)) {
      return lexicon.isName(lower) && !followedByEponymWord(text, end) ? 1 : 0;
    }
    boolean name = lexicon.isName(lower) || lexicon.isName(Lexicon.fold(lower)) || hyphenatedName(lower);
    if (name && !lexicon.isVocabulary(lower)) {
      return followedByEponymWord(text, end) ? 0 : 2;
    }
    if (lexicon.isVocabulary(lower)) {
      return name ? 1 : 0;
    }
    if (caps) {
      return 0;
    }
    return followedByEponymWord(text, end) ? 0 : 1;
  }

  /** The word without a final "'s" and then without trailing apostrophes and hyphens. */
  private static String withoutPossessive(String word) {
    int e = word.length();
    if (e >= 2 && word.charAt(e - 1) == 's' && (word.charAt(e - 2) == '\'' || word.charAt(e - 2) == '’')) {
      e -= 2;
    }
    while (e > 0 && (word.charAt(e - 1) == '\'' || word.charAt(e - 1) == '’' || word.charAt(e - 1) == '-')) {
      e--;
    }
    return word.substring(0, e);
  }

  /** "Ubul: What a wife." A word at the start of a line followed by a colon and text. */
  private static boolean speakerLabel(String text, int end) {
    return end + 1 < text.length() && text.charAt(end) == ':' && text.charAt(end + 1) == ' ';
  }

  private boolean hyphenatedName(String lower) {
    int h = lower.indexOf('-');
    return h > 0 && lexicon.isName(lower.substring(0, h)) && lexicon.isName(lower.substring(h + 1));
  }

  private static boolean followedByEponymWord(String text, int end) {
    String after = text.substring(end, Math.min(text.length(), end + 16)).toLowerCase(Locale.ROOT);
    return Regexes.matches(after, "^(?:['’]s)?\\s+(?:disease|syndrome|palsy|sign|test|risk|heart study|study|rule|maneuver|sarcoma|lymphoma|ulcer|criteria|score|scale|classification|procedure|operation|fracture|phenomenon|reflex|law|triad|tumou?r|disorder|equation|formula|method|technique|protocol|index|stain|cell|cells)\\b.*");
  }

  private static boolean adjacent(String text, int end, int nextStart) {
    String gap = text.substring(end, nextStart);
    boolean afterInitial = end >= 2 && !Character.isLetter(text.charAt(end - 2)) || end == 1;
    return gap.equals(" ") || gap.equals("  ") || afterInitial && gap.equals(". ");
  }

  private static int trimTrailing(String text, int start, int end) {
    while (end > start && (Character.isWhitespace(text.charAt(end - 1)))) {
      end--;
    }
    return end;
  }

  /** Drops trailing words of a title or context match that are ordinary words ("Dr. Smith Today"). */
  private int trimVocabularyTail(String text, int start, int end) {
    List<int[]> ws = new ArrayList<>();
    Matcher w = WORD.matcher(text).region(start, end);
    while (w.find()) {
      ws.add(new int[] {w.start(), w.end()});
    }
    int keep = ws.size();
    for (int k = 0; k < ws.size(); k++) {
      String lower = text.substring(ws.get(k)[0], ws.get(k)[1]).toLowerCase(Locale.ROOT);
      boolean particle = k > 0 && k + 1 < ws.size() && NAME_PARTICLE_WORDS.contains(text.substring(ws.get(k)[0], ws.get(k)[1]))
          && Character.isUpperCase(text.charAt(ws.get(k + 1)[0]));
      if (k > 0 && !particle && (lexicon.isVocabulary(lower) && !lexicon.isName(lower) || MONTH_WORD.matcher(lower).matches())) {
        keep = k;
        break;
      }
      if (k == 0 && lexicon.isCommonWord(lower) && !lexicon.isName(lower)) {
        return start;
      }
    }
    if (keep == 0) {
      return start;
    }
    int e = ws.get(keep - 1)[1];
    if (e < end && text.charAt(e) == '.' && ws.get(keep - 1)[1] - ws.get(keep - 1)[0] == 1) {
      e++;
    }
    return e;
  }

  private static boolean nextWordIsCapitalised(String text, int end) {
    return end + 1 < text.length() && text.charAt(end) == ' ' && Character.isUpperCase(text.charAt(end + 1));
  }

  private static boolean followedByComma(String text, int end) {
    return end < text.length() && text.charAt(end) == ',';
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

  // ---------------------------------------------------------------- merging

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

  /** An address block goes on over following lines or comma parts that are places and postal codes. */
  private static List<PhiSpan> extendAddresses(String text, List<PhiSpan> spans) {
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
  private static final Pattern TOWN_BETWEEN = Pattern.compile(",[ ]*\\p{L}[\\p{L}'’.-]*(?:[ ]\\p{L}[\\p{L}'’.-]*){0,2}[ ]*,[ ]*");

  /** A district number after a place, before the clause ends: "in Cheb 2, which ...". */
  private static final Pattern DISTRICT_NUMBER = Pattern.compile("^[ ]\\d{1,2}(?=[,;]|\\.(?:\\s|$)|$)");

  /** "123 Elm St, Boston, MA" is one address: joins geographic spans separated only by commas or spaces. */
  private static List<PhiSpan> joinNeighbours(String text, List<PhiSpan> spans) {
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

  private static boolean isGeo(PhiType t) {
    return t == PhiType.ADDRESS || t == PhiType.LOCATION || t == PhiType.ZIP;
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
