package io.clinicalpipeline.jobs.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names next to names, as notes write them: a surname after a found first name ("[first] [surname]" in any
 * case), a second name joined by "and" ("Drs [a] and [b]", "daughters [a] and [b]"), and a clinician by
 * initial or first name and surname before what clinicians do ("[initial]. [surname] aware", "[first] [surname]
 * ordered") or after "per" ("per [initial] [surname]").
 * The neighbour must be no ordinary, clinical or shorthand word, unless an action word follows it.
 */
final class NameNeighbours {

  private NameNeighbours() {}

  private static final Pattern NEXT_WORD = Pattern.compile("^[ \\t]([\\p{L}][\\p{L}'’-]{2,})(?![\\p{L}.])");
  private static final Pattern AND_WORD = Pattern.compile("^[ \\t]+(?i:and|&)[ \\t]+([\\p{L}][\\p{L}'’-]{2,})(?![\\p{L}])");

  /** What clinicians are written doing after their name. */
  private static final String ACTION =
      "aware|notified|paged|called|ordered|updated|informed|consulted|placing|placed|pronounced|rounded|examined|evaluated"
          + "|spoke|speaking|working|wants|recommends|recommended";

  private static final Pattern INITIAL_ACTION =
      Pattern.compile("(?<=^|[\\s(,;:])(\\p{Lu})\\.?[ \\t]([\\p{Lu}][\\p{L}'’-]{2,})[ \\t]+(?i:(?:made[ \\t]+)?(?:" + ACTION + "))\\b");

  /** A listed first name and a surname before an action word, in any case: "[first] [surname] aware". */
  private static final Pattern FIRST_ACTION =
      Pattern.compile("(?i)(?<![\\p{L}])([\\p{L}][\\p{L}'’-]{2,})[ \\t]+([\\p{L}][\\p{L}'’-]{2,})[ \\t]+(?:made[ \\t]+)?(?:" + ACTION + ")\\b");

  /** "per" and an initial or a listed first name before a surname: "per [initial] [surname]". */
  private static final Pattern PER_NAME =
      Pattern.compile("(?i)\\bper[ \\t]+([\\p{L}]\\.?|[\\p{L}][\\p{L}'’-]{2,})[ \\t]+([\\p{L}][\\p{L}'’-]{2,})(?![\\p{L}/])");

  /** Initial or first name, surname and an action word after it (primary: reads only the document). */
  static void findInitialBeforeAction(NoteDocument doc, List<PhiSpan> out) {
    AllowList allow = AllowList.shipped();
    Matcher m = INITIAL_ACTION.matcher(doc.text());
    while (doc.telegraphic() && m.find()) {
      String w = m.group(2);
      if (!vocabulary(w)) {
        out.add(new PhiSpan(m.start(1), m.end(2), PhiType.NAME));
      }
    }
    for (Pattern p : List.of(FIRST_ACTION, PER_NAME)) {
      Matcher f = p.matcher(doc.text());
      while (f.find()) {
        String first = f.group(1).replace(".", "");
        boolean initial = first.length() == 1;
        if ((initial || Lexicon.get().isFirstName(Lexicon.fold(first)) && !NoteDocument.isShorthand(first.toLowerCase(Locale.ROOT)))
            && !vocabulary(f.group(2)) && !allow.allows(NameWords.withoutPossessive(f.group(2)))) {
          out.add(new PhiSpan(f.start(1), f.end(2), PhiType.NAME));
        }
      }
    }
  }

  /** Surnames after found first names and names joined by "and" to found names (context: reads found spans). */
  static void addNeighbours(String text, List<PhiSpan> spans) {
    AllowList allow = AllowList.shipped();
    List<PhiSpan> added = new ArrayList<>();
    for (PhiSpan s : spans) {
      if (s.type() != PhiType.NAME) {
        continue;
      }
      String found = text.substring(s.start(), s.end());
      String last = found.substring(found.lastIndexOf(' ') + 1);
      Matcher n = PlaceRecogniser.lookingAtFrom(NEXT_WORD, text, s.end());
      if (n != null && found.indexOf(' ') < 0 && Lexicon.get().isFirstName(Lexicon.fold(last))
          && sameCase(last, n.group(1)) && neighbour(n.group(1), allow)) {
        added.add(new PhiSpan(n.start(1), n.end(1), PhiType.NAME));
      }
      Matcher a = PlaceRecogniser.lookingAtFrom(AND_WORD, text, s.end());
      if (a != null && sameCase(last, a.group(1)) && (!allow.allows(NameWords.withoutPossessive(a.group(1))) && !vocabulary(a.group(1))
          || Lexicon.get().isFirstName(Lexicon.fold(a.group(1))) && Lexicon.get().isFirstName(Lexicon.fold(last)))) {
        added.add(new PhiSpan(a.start(1), a.end(1), PhiType.NAME));
      }
    }
    spans.addAll(added);
  }

  /** No ordinary, clinical or shorthand word and no month: a word that can only be a name here. */
  private static boolean neighbour(String word, AllowList allow) {
    String w = NameWords.withoutPossessive(word);
    return w.length() >= 3 && !allow.allows(w) && !allow.nearlyAllows(w) && !vocabulary(w);
  }

  private static boolean vocabulary(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return Lexicon.get().isVocabulary(lower) || NoteDocument.isShorthand(lower)
        || Recognisers.WEEKDAYS_AND_MONTHS.matcher(lower).matches();
  }

  /** Both capitalised, both in capitals, or both in lower case. */
  private static boolean sameCase(String a, String b) {
    return Character.isUpperCase(a.charAt(0)) == Character.isUpperCase(b.charAt(0));
  }
}
