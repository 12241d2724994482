package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;
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

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facilities: capitalised runs ending or starting with a facility word ("... Hospital", "University of ..."). */
final class FacilityRecogniser {

  private static final Lexicon LEXICON = Lexicon.get();

  private FacilityRecogniser() {}

  static final String FACILITY_WORDS =
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

  /** Words that start a capitalised run without being part of a facility's name. */
  static final Set<String> LEADING_NOISE =
      Set.of(
          "the", "a", "an", "at", "in", "to", "from", "our", "his", "her", "their", "seen", "visited", "admitted",
          "treated", "was", "is", "of", "on", "for", "with", "by", "and", "patient", "pt", "last", "who", "what",
          "how", "when", "where", "which", "after", "before", "during", "recent", "recently", "previously");

  static final Pattern FACILITY_WORD_ONLY =
      Pattern.compile(FACILITY_WORDS + "|the|of|and|medical|general|regional|community|county|state");

  static final boolean[] FACILITY_HEADS = prefixTable(3, FACILITY_WORDS.substring(3).split("\\|"));

  static boolean facilityRunChar(char c) {
    return wordNumberRunChar(c) || c == '&';
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
    boolean[] marks = reachBack(text, heads, FacilityRecogniser::facilityRunChar, 11);
    boolean[] isHead = new boolean[text.length()];
    for (int h : heads) {
      isHead[h] = true;
    }
    return (t, i) -> isHead[i] || marks[i] && capital(t.charAt(i));
  }

  static void findFacilities(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
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
        if (LEADING_NOISE.contains(lower) || lowerInitial && LEXICON.isVocabulary(lower)) {
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

  static boolean isFacilityHead(String lower) {
    return lower.equals("st") || lower.equals("saint") || lower.equals("mount") || lower.equals("mt")
        || lower.equals("university") || lower.equals("general") || lower.equals("memorial") || lower.equals("regional")
        || lower.equals("county") || lower.equals("community") || lower.equals("methodist") || lower.equals("baptist")
        || lower.equals("presbyterian") || lower.equals("mercy") || lower.equals("sacred") || lower.equals("good")
        || lower.equals("children") || lower.equals("valley") || lower.equals("lakeside") || lower.equals("riverside");
  }

  static boolean isFacilityWord(String lower) {
    return FACILITY_WORD_ONLY.matcher(lower).matches();
  }
}
