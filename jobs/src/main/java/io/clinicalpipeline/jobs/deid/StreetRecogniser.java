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
import static io.clinicalpipeline.jobs.deid.NameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameWords.*;
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Streets named by a word and a house number ("Via Roma 12", "on Peter Vosstraat 18."). */
final class StreetRecogniser {

  private static final Lexicon LEXICON = Lexicon.get();

  private StreetRecogniser() {}

  static boolean wordNumberRunChar(char c) {
    return Character.isLetter(c) || Character.isSurrogate(c) || c == '\'' || c == '’' || c == '.' || c == '-' || asciiSpace(c);
  }

  /**
   * WORD_NUMBER is a capital, up to three more words and a number: it can start only at a capital from which
   * letters, apostrophes, dots, hyphens and at most four blocks of spaces reach a digit. Null without digits.
   */
  static AnchoredMatcher.Starts wordNumberStarts(String text, int[] digits) {
    if (digits.length == 0) {
      return null;
    }
    boolean[] marks = reachBack(text, digits, StreetRecogniser::wordNumberRunChar, 4);
    return (t, i) -> marks[i] && capital(t.charAt(i));
  }

  static void findWordNumberAddresses(String text, AnchoredMatcher.Tokens tokens, int[] digits, List<PhiSpan> out) {
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
          || !longHouseNumber && (LEXICON.isVocabulary(first) || LEXICON.isName(first))) {
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

  /**
   * Two or more capitalised words, the first no ordinary word (a first name may be: streets are named after
   * people), and a house number that ends the clause, right after "on" or "at": "is on Peter Vosstraat 18."
   * One word is not enough ("on Eliquis 5." is a dose).
   */
  static boolean streetAfterPreposition(String text, Matcher m, String first) {
    String words = m.group(1);
    String last = words.substring(words.lastIndexOf(' ') + 1);
    // "on Toprol XL 50." : an acronym ends a drug's name, not a street's
    if (words.indexOf(' ') < 0 || !Character.isUpperCase(last.charAt(0)) || last.equals(last.toUpperCase(Locale.ROOT))
        || MEDICAL_ACRONYMS.contains(first.toUpperCase(Locale.ROOT))
        || LEXICON.isVocabulary(first) && !LEXICON.isName(first) || Regexes.matches(m.group(2), "(?:19|20)\\d\\d")) {
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
}
