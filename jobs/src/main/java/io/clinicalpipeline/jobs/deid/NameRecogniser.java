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
import static io.clinicalpipeline.jobs.deid.NameWords.*;
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Names by title, by relation or role word, and by the name lists, filtered by case and context. */
final class NameRecogniser {

  private static final Lexicon LEXICON = Lexicon.get();

  private NameRecogniser() {}

  /** Names after a title: "Dr. Smith", "DR FALCO", "ms. Okafor". */
  static void findTitleNames(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher ta = new AnchoredMatcher(TITLE, text, tokens, NamePatterns::titleStart);
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
  }

  /** Names after a relation or role word: "daughter Liz", "his wife, Tomasa". */
  static void findContextNames(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    AnchoredMatcher ca = new AnchoredMatcher(NAME_CONTEXT, text, tokens, NamePatterns::nameContextStart);
    Matcher c = ca.match();
    while (ca.find()) {
      int start = c.start(1);
      int end = trimVocabularyTail(text, start, trimTrailing(text, start, c.end(1)));
      if (end <= start) {
        continue;
      }
      String first = TRAILING_NAME_MARKS.matcher(SPACES.split(text.substring(start, end))[0]).replaceAll("").toLowerCase(Locale.ROOT);
      if (LEXICON.isVocabulary(first) && !LEXICON.isName(first)) {
        continue;
      }
      if (MEDICAL_ACRONYMS.contains(first.toUpperCase(Locale.ROOT))) {
        continue;
      }
      if (c.group().toLowerCase(Locale.ROOT).startsWith("by ") && !LEXICON.isName(first)) {
        continue;
      }
      out.add(new PhiSpan(start, end, PhiType.NAME));
    }
  }

  /** Dictionary names, grouped with adjacent capitalised words and initials. */
  static void findListNames(String text, boolean caps, List<PhiSpan> out) {
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
        if (kind[k] == 1 && wk.length() > 1 && !initialWord && !LEXICON.isVocabulary(wk.toLowerCase(Locale.ROOT))) {
          unknown++;
          accented |= !Regexes.matches(wk, "[A-Za-z'’-]+");
        }
      }
      // two unknown capitalised words in a row ("Tomomi Nishiyama"), or one with letters English words
      // rarely have ("Kónya"), read as a name too
      // a sentence-initial word with letters English words rarely have, then an unknown one ("Rościsław Dudek")
      String head = text.substring(words.get(i)[0], words.get(i)[1]);
      boolean foreignHead = j > i && unknown >= 1 && kind[i] == 1 && !Regexes.matches(head, "[A-Za-z'’-]+")
          && !LEXICON.isVocabulary(head.toLowerCase(Locale.ROOT));
      boolean accept = strong && (j > i || strongCount >= 1) || unknown >= 2 && !caps || foreignHead && !caps
          || accented && !caps && (j > i || !sentenceStart(text, words.get(i)[0]) || speakerLabel(text, words.get(j)[1]));
      if (accept && j == i && sentenceStart(text, words.get(i)[0]) && !caps) {
        String lower = text.substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT);
        accept = !LEXICON.isVocabulary(lower);
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

  /** 2: a dictionary name in name case; 1: a capitalised word that may belong to a name; 0: not a name. */
  static int classify(String text, int start, int end, boolean caps) {
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
      return !caps && LEXICON.isFirstName(lower) && nextWordIsCapitalised(text, end) ? 1 : 0;
    }
    if (LEXICON.isCommonWord(lower)) {
      return LEXICON.isName(lower) && !followedByEponymWord(text, end) ? 1 : 0;
    }
    boolean name = LEXICON.isName(lower) || LEXICON.isName(Lexicon.fold(lower)) || hyphenatedName(lower);
    if (name && !LEXICON.isVocabulary(lower)) {
      return followedByEponymWord(text, end) ? 0 : 2;
    }
    if (LEXICON.isVocabulary(lower)) {
      return name ? 1 : 0;
    }
    if (caps) {
      return 0;
    }
    return followedByEponymWord(text, end) ? 0 : 1;
  }
}
