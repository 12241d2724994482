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
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.List;
import java.util.Locale;

/** A word found in a name is a name at every other occurrence in the text. */
final class NameConsistency {

  private static final Lexicon LEXICON = Lexicon.get();

  private NameConsistency() {}

  /**
   * Every other occurrence of a word already found in a name ("Asya Godina" ... "Asya spent"), same case. An
   * ordinary word that no name list holds ("aware" taken after "md") is not spread: a wrong find stays one.
   */
  static void propagateNames(String text, List<PhiSpan> spans) {
    boolean lowerText = noCapitals(text);
    AllowList allow = AllowList.shipped();
    java.util.Set<String> parts = new java.util.HashSet<>();
    for (PhiSpan s : spans) {
      if (s.type() != PhiType.NAME) {
        continue;
      }
      for (int[] w : words(text.substring(s.start(), s.end()))) {
        String word = withoutPossessive(text.substring(s.start() + w[0], s.start() + w[1]));
        if (word.length() >= 3 && (Character.isUpperCase(word.charAt(0)) || lowerText) && !TITLE_WORDS.contains(word)
            && !LEXICON.isVocabulary(word.toLowerCase(Locale.ROOT)) && !MEDICAL_ACRONYMS.contains(word.toUpperCase(Locale.ROOT))
            && (!allow.allows(word) || LEXICON.isName(Lexicon.fold(word)))) {
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
}
