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
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Names by shape in mixed-case text: initials, verbs of people, lists with a known name, speakers, quotes. */
final class NameShapeRecogniser {

  private static final Lexicon LEXICON = Lexicon.get();

  private NameShapeRecogniser() {}

  /** Name shapes that need no name list: initials between words, people's verbs, lists with a known name, speakers. */
  static void findNamePatterns(String text, AnchoredMatcher.Tokens tokens, List<PhiSpan> out) {
    if (text.indexOf(' ') < 0) {
      return;
    }
    AnchoredMatcher a = new AnchoredMatcher(FIRST_INITIAL_LAST, text, tokens, NamePatterns::capitalStart);
    Matcher m = a.match();
    while (a.find()) {
      boolean firstListed = LEXICON.isFirstName(m.group(1).toLowerCase(Locale.ROOT)) && nameLike(m.group(1));
      if (nameLike(m.group(1)) && (nameLike(m.group(2)) || firstListed && capitalisedWord(m.group(2)))
          && !followedByEponymWord(text, m.end())) {
        out.add(new PhiSpan(m.start(), m.end(), PhiType.NAME));
      }
    }
    if (text.indexOf("sa") >= 0 || text.indexOf("ed ") >= 0 || text.indexOf("ote") >= 0) {
      a = new AnchoredMatcher(QUOTE_SPEAKER, text, tokens, NamePatterns::quoteEndStart);
      m = a.match();
      while (a.find()) {
        String first = SPACES.split(m.group(1))[0];
        if (nameLike(first) && (listedName(first) || !LEXICON.isVocabulary(first.toLowerCase(Locale.ROOT)))) {
          out.add(new PhiSpan(m.start(1), m.end(1), PhiType.NAME));
        }
      }
    }
    a = new AnchoredMatcher(VOCATIVE, text, tokens, NamePatterns::capitalStart);
    m = a.match();
    while (a.find()) {
      int g = m.group(1) != null ? 1 : 2;
      String word = m.group(g);
      if (nameLike(word) && (listedName(word) || !LEXICON.isVocabulary(word.toLowerCase(Locale.ROOT)))
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
      if (all && (listed > 0 || ws.length > 1 || !LEXICON.isVocabulary(ws[0].toLowerCase(Locale.ROOT)))) {
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
      a = new AnchoredMatcher(OWNER_OF_IDENTIFIER, text, tokens, NamePatterns::capitalStart);
      m = a.match();
      while (a.find()) {
        if (unknownOrListed(m.group(1))) {
          out.add(new PhiSpan(m.start(1), m.end(1), PhiType.NAME));
        }
      }
    }
    if (text.indexOf('?') >= 0) {
      a = new AnchoredMatcher(NAME_ANSWER, text, tokens, NamePatterns::nameWordStart);
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
    a = new AnchoredMatcher(SPEAKER, text, tokens, NamePatterns::lineStartCapital);
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
    a = new AnchoredMatcher(NAME_LINE, text, tokens, NamePatterns::lineStartCapital);
    m = a.match();
    while (a.find()) {
      boolean all = true;
      boolean listed = false;
      for (String w : SPACES.split(m.group(1))) {
        if (NAME_PARTICLE_WORDS.contains(w)) {
          continue;
        }
        all &= w.length() <= 2 || nameLike(w) && !followedByEponymWord(text, m.end(1));
        listed |= w.length() > 2 && listedName(w) && !LEXICON.isCommonWord(w.toLowerCase(Locale.ROOT));
      }
      if (all) {
        out.add(new PhiSpan(m.start(1), m.end(1), PhiType.NAME));
      }
    }
  }
}
