package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;
import static io.clinicalpipeline.jobs.deid.FacilityRecogniser.*;
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
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Places by list (US places, countries) and by context ("lives in ...", "flew to ..."). */
final class PlaceRecogniser {

  private static final Lexicon LEXICON = Lexicon.get();

  private PlaceRecogniser() {}

  /** Small words inside place names: "Villafranca del Cid", "Ostrov nad Ohri", "Frankfurt am Main". */
  static final String PLACE_PARTICLES = "(?-i:de|del|de la|da|do|di|du|des|la|le|les|nad|pod|am|an|im|sur|upon|en|y|u|v)";

  /** A particle and a capitalised word after a place: extends "Villafranca" to "Villafranca del Cid". */
  static final Pattern PLACE_PARTICLE_TAIL =
      Pattern.compile("^(?:[ ]" + PLACE_PARTICLES + "[ ]\\p{Lu}[\\p{L}'’-]+)+(?:[ ]\\(\\p{Lu}[\\p{L}'’-]+\\))?|^[ ]\\(\\p{Lu}[\\p{L}'’-]+\\)");

  /** Place contexts in a text without capitals; the place is one word, maybe with a particle and another. */
  static final Pattern LOCATION_TRIGGER_LOWER =
      Pattern.compile(
          "\\b(?:lives in|living in|resides in|residing in|born in|relocated to|flew to|flown to"
              + "|travell?ed to|travell?ing to|originally from|home ?town|city of|town of|village of)[ ]+"
              + "(\\p{Ll}[\\p{L}'’-]+(?:[ ]" + PLACE_PARTICLES + "[ ]\\p{Ll}[\\p{L}'’-]+)?)");

  /** Words after a lower-case place context that name a time, not a place ("flew to ... on friday"). */
  static final Set<String> DAY_NAMES =
      Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "tonight");

  /** Ordinary words that begin place names ("New Westminster", "Port Talbot") after a place context. */
  static final Set<String> PLACE_LEADING_WORDS =
      Set.of("new", "north", "south", "east", "west", "upper", "lower", "port", "fort", "lake", "mount", "great", "little", "old");

  /** A line that is only a place name, behind quote or bullet marks: "Chiclana de la Frontera", "ALFRICK". */
  static final Pattern PLACE_LINE =
      Pattern.compile("[ \\t" + LINE_MARKS + "]*(\\p{Lu}[\\p{L}'’.-]*(?:[ ](?:" + PLACE_PARTICLES + "|\\p{Lu}[\\p{L}'’.-]*)){0,4})[ \\t]*");

  static final Pattern LOCATION_TRIGGER =
      Pattern.compile(
          "(?i:\\b(?:at|from|near|in|visited|admitted to|transferred to|referred to|moved to|travell?ed to|lives in|living in|resides in|born in|relocated to|sent to|discharged to"
              + "|flew to|flown to|drove to|returned to|home city|hometown|home town|city of|town of|village of|where:))\\s+"
              + "((?:St\\.?\\s+|Saint\\s+|Mt\\.?\\s+)?[\\p{Lu}][\\p{L}'’.&-]*(?:\\s+(?:of\\s+|and\\s+|&\\s+|" + PLACE_PARTICLES + "\\s+)?[\\p{Lu}][\\p{L}'’.&-]*){0,3})");

  static final Pattern STATE_AFTER =
      Pattern.compile(
          "^,?\\s*(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
              + "|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)\\b(?:\\s+\\d{5}(?:-\\d{4})?\\b)?");

  static final Set<String> LOCATION_TRIGGER_WORDS =
      Set.of("at", "from", "near", "in", "visited", "admitted", "transferred", "referred", "moved", "travelled",
          "traveled", "lives", "living", "resides", "born", "relocated", "sent", "discharged", "flew", "flown", "drove",
          "returned", "home", "hometown", "city", "town", "village", "where");

  static final boolean[] LOCATION_TRIGGER_PREFIXES =
      prefixTable(2, LOCATION_TRIGGER_WORDS.toArray(new String[0]));

  static boolean locationTriggerStart(String t, int i) {
    if (!asciiWordStart(t, i) || !hasPrefix(LOCATION_TRIGGER_PREFIXES, 2, t, i)) {
      return false;
    }
    String w = wordAt(t, i, 12);
    return w != null && i + w.length() < t.length() && (asciiSpace(t.charAt(i + w.length())) || t.charAt(i + w.length()) == ':')
        && LOCATION_TRIGGER_WORDS.contains(w.toLowerCase(Locale.ROOT));
  }

  static int extendParticles(String text, int end) {
    Matcher m = lookingAtFrom(PLACE_PARTICLE_TAIL, text, end);
    return m != null ? m.end() : end;
  }

  /** {@code p} matched at {@code from} (look-behinds see the text before it), or null. */
  static Matcher lookingAtFrom(Pattern p, String text, int from) {
    Matcher m = p.matcher(text).region(from, text.length());
    m.useTransparentBounds(true);
    return m.lookingAt() ? m : null;
  }

  /**
   * For each span of {@code type} found so far, {@code tail} matched right after it; {@code add} makes the
   * span to add from the found span and the match.
   */
  static void addAfterSpans(
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

  static int extendState(String text, int end) {
    Matcher s = STATE_AFTER.matcher(text).region(end, text.length());
    s.useTransparentBounds(true);
    s.useAnchoringBounds(true);
    if (s.lookingAt() && text.charAt(end) == ',') {
      return s.end();
    }
    return end;
  }

  static void findPlaces(String text, AnchoredMatcher.Tokens tokens, boolean caps, List<PhiSpan> out) {
    // in mixed-case text only capitalised places count
    List<int[]> found = matchesFrom(LEXICON.places(), text, i -> caps || Character.isUpperCase(text.charAt(i)));
    for (int[] e : found) {
      int start = e[0];
      int end = e[1];
      String s = text.substring(start, end);
      String lower = s.toLowerCase(Locale.ROOT);
      if (LEXICON.isName(lower) && !s.contains(" ") && !caps) {
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
    AnchoredMatcher a = new AnchoredMatcher(LOCATION_TRIGGER, text, tokens, PlaceRecogniser::locationTriggerStart);
    Matcher m = a.match();
    while (a.find()) {
      int start = m.start(1);
      int end = m.end(1);
      String s = m.group(1);
      String firstWord = TRAILING_PUNCTUATION.matcher(SPACES.split(s)[0]).replaceAll("");
      String lower = firstWord.toLowerCase(Locale.ROOT);
      boolean single = !s.strip().contains(" ");
      boolean placeLead = !single && PLACE_LEADING_WORDS.contains(lower);
      if (single && LEXICON.isVocabulary(lower) || MEDICAL_ACRONYMS.contains(firstWord) || MONTH_WORD.matcher(lower).matches()
          || LEXICON.isCommonWord(lower) && !LEXICON.isName(lower) && !placeLead || followedByEponymWord(text, end)) {
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
  static List<int[]> matchesFrom(WordTrie trie, String text, java.util.function.IntPredicate startsAt) {
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
  static void findCountries(String text, boolean caps, List<PhiSpan> out) {
    boolean lowerText = !caps && noCapitals(text);
    List<int[]> found =
        matchesFrom(
            LEXICON.countries(),
            text,
            i -> caps || Character.isUpperCase(text.charAt(i)) || lowerText && Character.isLetter(text.charAt(i)));
    for (int[] e : found) {
      String s = text.substring(e[0], e[1]);
      boolean single = s.indexOf(' ') < 0;
      String lower = s.toLowerCase(Locale.ROOT);
      boolean vocabulary = single && LEXICON.isVocabulary(lower);
      boolean acronym = !caps && s.equals(s.toUpperCase(Locale.ROOT)); // "CHAD2DS2-VASc" in mixed-case text
      if (acronym || e[1] < text.length() && Character.isDigit(text.charAt(e[1]))
          || single && !caps && LEXICON.isFirstName(lower) && nextWordIsCapitalised(text, e[1])
          || vocabulary && (lowerText || sentenceStart(text, e[0])) || followedByEponymWord(text, e[1])) {
        continue;
      }
      out.add(new PhiSpan(e[0], extendState(text, extendParticles(text, e[1])), PhiType.LOCATION));
      addPlaceLineAbove(text, e[0], out);
    }
  }

  /** The line above a country that starts its line, in an address block: the town ("Lahti\nFinland"). */
  static void addPlaceLineAbove(String text, int countryStart, List<PhiSpan> out) {
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
      if (!LEXICON.isVocabulary(first) && !MEDICAL_ACRONYMS.contains(first.toUpperCase(Locale.ROOT))) {
        out.add(new PhiSpan(m.start(1), m.end(1), PhiType.LOCATION));
      }
    }
  }

  /** In a text without capitals: a place after "lives in", "flew to", ... that is no ordinary word. */
  static void findLowerCasePlaces(String text, List<PhiSpan> out) {
    Matcher m = LOCATION_TRIGGER_LOWER.matcher(text);
    while (m.find()) {
      String first = SPACES.split(m.group(1))[0];
      if (!LEXICON.isVocabulary(first) && !MONTH_WORD.matcher(first).matches() && !DAY_NAMES.contains(first)) {
        out.add(new PhiSpan(m.start(1), m.end(1), PhiType.LOCATION));
      }
    }
  }
}
