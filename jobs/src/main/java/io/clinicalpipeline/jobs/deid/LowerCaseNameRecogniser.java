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
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** Names in texts without capitals: after name contexts, listed first names before unknown words, speakers. */
final class LowerCaseNameRecogniser {

  private static final Lexicon LEXICON = Lexicon.get();

  private LowerCaseNameRecogniser() {}

  /**
   * In a text without capitals: a listed first name, maybe an initial, and a word that is no ordinary word
   * ("eva kleist", "emidio p lombardo"); lists of three or more such words, half of them listed names.
   */
  static void findLowerCaseNamePairs(String text, List<PhiSpan> out) {
    Matcher m = LOWER_NAME_PAIR.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      String first = m.group(1);
      String last = m.group(3);
      // with an initial between them ("leidy t muris") two words that are no ordinary words need no name list;
      // "a" and "i" are words more often than initials ("to become a market-leading ...")
      boolean initial = m.group(2) != null && !m.group(2).equals("a") && !m.group(2).equals("i");
      boolean known = LEXICON.isFirstName(first) || initial;
      if (first.length() >= 3 && known && !LEXICON.isVocabulary(first) && last.length() >= 3
          && !LEXICON.isVocabulary(last) && !MONTH_WORD.matcher(first).matches()) {
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
        listed += LEXICON.isName(word) ? 1 : 0;
        all &= !LEXICON.isVocabulary(word) || LEXICON.isFirstName(word);
      }
      if (all && 2 * listed >= ws.size()) {
        for (int[] x : ws) {
          out.add(new PhiSpan(x[0], x[1], PhiType.NAME));
        }
      }
    }
  }

  /** In a text without capitals: names after a name context ("my name is lena andersson"); speakers' labels. */
  static void findLowerCaseNames(String text, List<PhiSpan> out) {
    // two or more line labels that are listed first names and no ordinary words ("plan:", "mark:" are not)
    Matcher sp = LOWER_SPEAKER.matcher(text);
    List<PhiSpan> speakers = new ArrayList<>();
    while (sp.find()) {
      String w = sp.group(1);
      if (LEXICON.isFirstName(w) && !LEXICON.isVocabulary(w)) {
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
      if (LEXICON.isVocabulary(first) && !LEXICON.isName(first) || first.length() < 2) {
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
}
