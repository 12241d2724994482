package io.clinicalpipeline.jobs.deid;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names as ward notes write them, in any case and often without stops: after a clinician's title ("dr
 * vantrell", "DR.OSTROWICZ", "np kesselring"), an initial before a surname ("E. KOSTAND aware"), a signature
 * before a credential ("irvana peltz, rn"), and relatives after a relation word ("dtr marisol", "husband orlek").
 * A word counts as a name when it is a listed name or no ordinary word (the allow-list).
 */
final class WardNoteNames {

  private WardNoteNames() {}

  private static final String WORD = "[\\p{L}][\\p{L}'’-]*";

  private static final Pattern TITLE =
      Pattern.compile("(?i)\\b(dr|drs|doctor|md|np|pa|mr|mrs|ms|miss|attending|resident|fellow|ho)(?:\\.|(?=[ \\t]))[ \\t]*"
          + "(?:([a-z])\\.?[ \\t]+)?(" + WORD + ")");

  private static final Pattern INITIAL_SURNAME =
      Pattern.compile("(?<=^|[\\s(,;:])(\\p{L})\\.[ \\t]?(" + WORD + ")");

  private static final Pattern SIGNATURE =
      Pattern.compile("(?im)^[ \\t]*(" + WORD + "(?:[ \\t]+(?:\\p{L}\\.?|" + WORD + ")){1,2}),?[ \\t]+(?:rn|rrt|np|md|bsn|lpn|pa|crt|bsn/rn|rn/bsn|msw|licsw)\\b\\.?[ \\t]*$");

  private static final Pattern RELATION =
      Pattern.compile("(?i)\\b(?:wife|husband|son|sons|daughter|daughters|dtr|dtrs|sister|brother|bro|sis|mother|mom|father|dad"
          + "|friend|girlfriend|boyfriend|fiance|fiancee|partner|niece|nephew|aunt|uncle|cousin|grandson|granddaughter"
          + "|grandchildren|significant other|contact person|proxy|hcp)(?:'s)?(?:[ \\t]*[,(:-][ \\t]*|[ \\t]+)"
          + "(" + WORD + ")(?:([ \\t]+)(" + WORD + "))?");

  private static final Pattern RELATION_WORD =
      Pattern.compile("(?i)wife|husband|sons?|daughters?|dtrs?|sister|brother|bro|sis|mother|mom|father|dad|friend|girlfriend"
          + "|boyfriend|fiancee?|partner|niece|nephew|aunt|uncle|cousin|grandson|granddaughter|grandchildren|proxy|hcp");

  static void find(NoteDocument doc, List<PhiSpan> out) {
    String text = doc.text();
    AllowList allow = AllowList.shipped();
    AnchoredMatcher ta = doc.at(TITLE, "dmnpharf");
    Matcher t = ta.match();
    while (ta.find()) {
      boolean lowerForm = Character.isLowerCase(text.charAt(t.start())) && Character.isLowerCase(t.group(3).charAt(0));
      boolean strong = STRONG_TITLES.matcher(t.group(1)).matches();
      if ((doc.telegraphic() || lowerForm) && afterTitle(t.group(3)) && (strong || nameWord(t.group(3), allow, true))) {
        out.add(new PhiSpan(t.start(2) >= 0 ? t.start(2) : t.start(3), t.end(3), PhiType.NAME));
      }
    }
    if (doc.telegraphic()) {
      AnchoredMatcher ma = doc.at(INITIAL_SURNAME, null);
      Matcher m = ma.match();
      while (ma.find()) {
        String w = m.group(2);
        if (w.length() >= 4 && nameWord(w, allow, true) && !allow.allows(m.group(1) + w)) {
          out.add(new PhiSpan(m.start(), m.end(), PhiType.NAME));
        }
      }
    }
    if (!doc.telegraphic()) {
      return;
    }
    Matcher s = SIGNATURE.matcher(text);
    while (s.find()) {
      boolean all = true;
      for (String w : s.group(1).split("[ \\t]+")) {
        all &= w.length() <= 2 || nameWord(w, allow, true);
      }
      if (all) {
        out.add(new PhiSpan(s.start(1), s.end(1), PhiType.NAME));
      }
    }
    AnchoredMatcher ra = doc.at(RELATION, "whsdbmfgpnauc");
    Matcher r = ra.match();
    while (ra.find()) {
      if (!relative(r.group(1), allow)) {
        continue;
      }
      int end = r.end(1);
      if (r.group(3) != null && r.group(2) != null && nameWord(r.group(3), allow, false)
          && Lexicon.get().isLastName(Lexicon.fold(r.group(3)))) {
        end = r.end(3);
      }
      out.add(new PhiSpan(r.start(1), end, PhiType.NAME));
    }
  }

  /**
   * Titles that a name follows nearly always; "pa", "ms", "ho" also abbreviate clinical words (artery, mental
   * status), and "md", "doctor" more often head a clause ("md aware", "md evaluated", "a doctor about") than a name.
   */
  private static final Pattern STRONG_TITLES = Pattern.compile("(?i)dr|drs|mr|mrs|miss");

  /** Words that follow a title in ward notes without being names: "md aware", "dr notified". */
  private static final Pattern NOT_AFTER_TITLE =
      Pattern.compile("(?i)aware|notified|paged|called|updated|informed|ordered|made|here|in|at|to|and|of|on|the|for|with|is|was"
          + "|who|will|would|order|orders|note|notes|team|office|visit|rounds|said|says|spoke|wants|recommends|re|covering");

  /** After a clinician's title nearly any word is a name ("dr linden"): not one of those, a month or a weekday. */
  static boolean afterTitle(String word) {
    String lower = word.replaceAll("['’]s$|-+$", "").toLowerCase(Locale.ROOT);
    return lower.length() >= 2 && !NOT_AFTER_TITLE.matcher(lower).matches()
        && !Recognisers.WEEKDAYS_AND_MONTHS.matcher(lower).matches() && !NoteDocument.isShorthand(lower);
  }

  /** A word that may be a name: a listed name that is no ordinary word, or no ordinary word at all. */
  static boolean nameWord(String word, AllowList allow, boolean listedOrdinaryToo) {
    String w = word.replaceAll("['’]s$", "");
    String lower = Lexicon.fold(w);
    if (w.length() < 3 || Recognisers.WEEKDAYS_AND_MONTHS.matcher(lower).matches()) {
      return false;
    }
    boolean listed = Lexicon.get().isName(lower);
    boolean ordinary = allow.allows(w) || allow.nearlyAllows(w);
    return !ordinary || listed && listedOrdinaryToo && !Lexicon.get().isCommonWord(lower);
  }

  /** A relative's first name: a listed first name ("pat", "rob") or no ordinary word. */
  private static boolean relative(String word, AllowList allow) {
    String lower = Lexicon.fold(word.replaceAll("['’]s$", ""));
    if (lower.length() < 3 || Recognisers.WEEKDAYS_AND_MONTHS.matcher(lower).matches() || RELATION_WORD.matcher(lower).matches()) {
      return false;
    }
    if (Lexicon.get().isFirstName(lower)) {
      return !Lexicon.get().isCommonWord(lower) || Character.isUpperCase(word.charAt(0));
    }
    return !allow.allows(word) && !allow.nearlyAllows(word) && !lower.toUpperCase(Locale.ROOT).equals(word) || !allow.allows(word) && word.length() > 3;
  }
}
