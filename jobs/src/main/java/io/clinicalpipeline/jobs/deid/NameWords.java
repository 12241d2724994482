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
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Word tests shared by the name recognisers: name-like, listed, ordinary words, trims and suffixes. */
final class NameWords {

  private static final Lexicon LEXICON = Lexicon.get();

  private NameWords() {}

  /** A word that can be part of a name: not an ordinary or clinical word unless it is also a name. */
  static boolean nameLike(String word) {
    String lower = withoutPossessive(word).toLowerCase(Locale.ROOT);
    if (lower.length() < 2 || MEDICAL_ACRONYMS.contains(word.toUpperCase(Locale.ROOT)) || MONTH_WORD.matcher(lower).matches()) {
      return false;
    }
    if (word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT))) {
      return false; // an acronym in mixed-case text
    }
    return !LEXICON.isVocabulary(lower) || LEXICON.isName(lower);
  }

  /** A capitalised word that is not an acronym, a month or a clinical acronym. */
  static boolean capitalisedWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return word.length() >= 2 && !word.equals(word.toUpperCase(Locale.ROOT)) && !MONTH_WORD.matcher(lower).matches()
        && !MEDICAL_ACRONYMS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** A word that can be a name and is a listed name or no ordinary word. */
  static boolean unknownOrListed(String word) {
    String bare = TRAILING_NAME_MARKS.matcher(word).replaceAll("");
    return nameLike(bare) && (listedName(bare) || !LEXICON.isVocabulary(withoutPossessive(bare).toLowerCase(Locale.ROOT)));
  }

  static boolean listedName(String word) {
    String lower = withoutPossessive(word).toLowerCase(Locale.ROOT);
    return LEXICON.isName(lower) || LEXICON.isName(Lexicon.fold(lower));
  }

  /** "Ilse Marrow MD", "Kofi Boateng, Jr.": degrees and generational suffixes after a name belong to it. */
  static void addNameSuffixes(String text, List<PhiSpan> spans) {
    addAfterSpans(text, spans, PhiType.NAME, NAME_SUFFIX, (s, m) -> new PhiSpan(s.start(), m.end(), PhiType.NAME));
  }

  /** The word without a final "'s" and then without trailing apostrophes and hyphens. */
  static String withoutPossessive(String word) {
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
  static boolean speakerLabel(String text, int end) {
    return end + 1 < text.length() && text.charAt(end) == ':' && text.charAt(end + 1) == ' ';
  }

  static boolean hyphenatedName(String lower) {
    int h = lower.indexOf('-');
    return h > 0 && LEXICON.isName(lower.substring(0, h)) && LEXICON.isName(lower.substring(h + 1));
  }

  static boolean followedByEponymWord(String text, int end) {
    String after = text.substring(end, Math.min(text.length(), end + 16)).toLowerCase(Locale.ROOT);
    return Regexes.matches(after, "^(?:['’]s)?\\s+(?:disease|syndrome|palsy|sign|test|risk|heart study|study|rule|maneuver|sarcoma|lymphoma|ulcer|criteria|score|scale|classification|procedure|operation|fracture|phenomenon|reflex|law|triad|tumou?r|disorder|equation|formula|method|technique|protocol|index|stain|cell|cells)\\b.*");
  }

  static boolean adjacent(String text, int end, int nextStart) {
    String gap = text.substring(end, nextStart);
    boolean afterInitial = end >= 2 && !Character.isLetter(text.charAt(end - 2)) || end == 1;
    return gap.equals(" ") || gap.equals("  ") || afterInitial && gap.equals(". ");
  }

  static int trimTrailing(String text, int start, int end) {
    while (end > start && (Character.isWhitespace(text.charAt(end - 1)))) {
      end--;
    }
    return end;
  }

  /** Drops trailing words of a title or context match that are ordinary words ("Dr. Smith Today"). */
  static int trimVocabularyTail(String text, int start, int end) {
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
      if (k > 0 && !particle && (LEXICON.isVocabulary(lower) && !LEXICON.isName(lower) || MONTH_WORD.matcher(lower).matches())) {
        keep = k;
        break;
      }
      if (k == 0 && LEXICON.isCommonWord(lower) && !LEXICON.isName(lower)) {
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

  static boolean nextWordIsCapitalised(String text, int end) {
    return end + 1 < text.length() && text.charAt(end) == ' ' && Character.isUpperCase(text.charAt(end + 1));
  }

  static boolean followedByComma(String text, int end) {
    return end < text.length() && text.charAt(end) == ',';
  }
}
