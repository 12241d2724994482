package io.clinicalpipeline.jobs.deid;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locations as ward notes name them without a transfer verb: a ward and its floor after a preposition ("on
 * [ward] 6", "to [ward] 2 when bed available"); a hospital's initials after a preposition ("at [XY]H", "from
 * [XYZ]MC"); a hospital by the words institutions are named with ("[town] memorial hospital", "general
 * hospital"); a listed town after a relocation word in any case ("flying in from [town]", "lives in [town]").
 * States and countries stay: Safe Harbor removes only subdivisions smaller than a state.
 */
final class WardNoteLocations {

  private WardNoteLocations() {}

  private static final String UNIT_AFTER =
      "(?![.,]?\\d|[ \\t]*(?:%|mg|mcg|ml|cc|l\\b|lpm|x\\b|units?\\b|u\\b|/|:|-|hrs?\\b|hours?|min|days?|weeks?|wks?|yrs?|years?|am\\b|pm\\b|cm|mm|liters?|times|beats|breaths))";

  /** A word and a floor or ward number after a preposition: "on quartermain 6". */
  private static final Pattern WARD_NUMBER =
      Pattern.compile("(?i)\\b(?:to|from|on|onto|at|in)[ \\t]+(?:the[ \\t]+)?([\\p{L}][\\p{L}'’-]{3,})[ \\t]?([0-9]{1,2})\\b" + UNIT_AFTER);

  /** A hospital's initials: "at GH", "from BVMC", "to SJHC". */
  private static final Pattern INITIALS =
      Pattern.compile("\\b(?i:at|to|from|in|left|leave|retired from|transfer(?:red)? to)[ \\t]+(?:the[ \\t]+)?([A-Z]{1,3}H|[A-Z]{1,3}MC|[A-Z]{2,3}HC)\\b(?![-/'])");

  /** Words that institutions are named with, before a hospital word, with the town or founder before them. */
  private static final Pattern INSTITUTION =
      Pattern.compile("(?i)\\b(?:([\\p{L}][\\p{L}'’-]+)[ \\t]+)?(memorial|general|community|regional|county|baptist|methodist|presbyterian"
          + "|lutheran|adventist|mercy|samaritan)[ \\t]+(?:hospital|hosp|medical center|med center|health center)\\b");

  /** A relocation word before a town: "lives in", "flying in from", "returned to", "is from". */
  private static final Pattern RELOCATION =
      Pattern.compile("(?i)\\b(?:lives?|living|resides|residing|moved|moving|retire[sd]?|flying|fly|flew|drove|arriving|arrive|returned|returning|is|are|here|visiting)"
          + "[ \\t]+(?:(?:alone|in|at|to|from|back|out|down|up|home)[ \\t]+){1,2}(?:of[ \\t]+)?([\\p{L}][\\p{L}'’-]+(?:[ \\t]+[\\p{L}][\\p{L}'’-]+)?)");

  static void find(NoteDocument doc, List<PhiSpan> out) {
    String text = doc.text();
    AllowList allow = AllowList.shipped();
    boolean telegraphic = doc.telegraphic();
    AnchoredMatcher wa = doc.at(WARD_NUMBER, "tfoai");
    Matcher w = wa.match();
    while (wa.find()) {
      String word = w.group(1);
      if (nameLike(word, allow, telegraphic)) {
        out.add(new PhiSpan(w.start(1), w.end(2), PhiType.LOCATION));
      }
    }
    AnchoredMatcher ia = doc.at(INITIALS, "atfilr");
    Matcher i = ia.match();
    while (ia.find()) {
      if (!NoteDocument.isShorthand(i.group(1).toLowerCase(Locale.ROOT)) && !allow.allows(i.group(1))) {
        out.add(new PhiSpan(i.start(1), i.end(1), PhiType.LOCATION));
      }
    }
    AnchoredMatcher na = doc.at(INSTITUTION, null);
    Matcher n = na.match();
    while (na.find()) {
      String before = n.group(1);
      boolean named = before != null && !WardNotePlaces.DESCRIPTIVE.matcher(before).matches()
          && !Lexicon.get().isVocabulary(before.toLowerCase(Locale.ROOT)) && !NoteDocument.isShorthand(before.toLowerCase(Locale.ROOT));
      out.add(new PhiSpan(named ? n.start(1) : n.start(2), n.end(), PhiType.LOCATION));
    }
    if (!telegraphic) {
      return;
    }
    AnchoredMatcher ra = doc.at(RELOCATION, "lrmfdaihv");
    Matcher r = ra.match();
    while (ra.find()) {
      String[] words = r.group(1).split("[ \\t]+");
      if (town(words[0])) {
        boolean two = words.length > 1 && town(r.group(1));
        out.add(new PhiSpan(r.start(1), two ? r.end(1) : r.start(1) + words[0].length(), PhiType.LOCATION));
      }
    }
  }

  /** A ward's name: no ordinary word or shorthand, capitalised unless the note is a ward note. */
  private static boolean nameLike(String word, AllowList allow, boolean telegraphic) {
    String lower = word.toLowerCase(Locale.ROOT);
    return (telegraphic || Character.isUpperCase(word.charAt(0))) && !allow.allows(word) && !allow.nearlyAllows(word)
        && !NoteDocument.isShorthand(lower) && !Lexicon.get().isVocabulary(lower)
        && !Recognisers.WEEKDAYS_AND_MONTHS.matcher(lower).matches();
  }

  /** A listed town, whole, that is neither a state nor a country. */
  private static boolean town(String words) {
    if (!whole(Lexicon.get().places(), words) || whole(Lexicon.get().countries(), words)) {
      return false;
    }
    String title = words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1).toLowerCase(Locale.ROOT);
    return !PlaceRecogniser.STATE_AFTER.matcher(title).matches() && !PlaceRecogniser.STATE_AFTER.matcher(words).matches();
  }

  /** Whether the note writes {@code word} (any case) before a floor number somewhere: "[ward] 6", "[ward]3". */
  private static boolean wardName(String text, String word) {
    String lower = text.toLowerCase(Locale.ROOT);
    String w = word.toLowerCase(Locale.ROOT);
    for (int at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
      int k = at + w.length();
      if (at > 0 && Character.isLetter(text.charAt(at - 1))) {
        continue;
      }
      if (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
        k++;
      }
      int digits = 0;
      while (k + digits < text.length() && Character.isDigit(text.charAt(k + digits))) {
        digits++;
      }
      boolean ends = k + digits == text.length() || !Character.isLetterOrDigit(text.charAt(k + digits));
      if (digits >= 1 && digits <= 2 && ends) {
        return true;
      }
    }
    return false;
  }

  /** No letter or digit just before {@code start}, no letter just after {@code end}. */
  private static boolean wholeWord(String text, int start, int end) {
    return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
        && (end == text.length() || !Character.isLetter(text.charAt(end)));
  }

  private static boolean whole(WordTrie trie, String words) {
    boolean[] hit = {false};
    trie.matchAt(words, 0, (s, e) -> hit[0] |= e == words.length());
    return hit[0];
  }

  /** A hospital's initials as {@link #INITIALS} reads them. */
  private static final Pattern INITIALS_SHAPE = Pattern.compile("[A-Z]{1,3}H|[A-Z]{1,3}MC|[A-Z]{2,3}HC");

  /**
   * Every other occurrence, same case, of a hospital's initials ("GH") or a ward's name (a word that the note
   * writes before a floor number somewhere) already found: a note names its hospital and wards the same way
   * each time. Other locations are not spread: a wrong find stays one.
   */
  static void propagate(String text, List<PhiSpan> spans) {
    AllowList allow = AllowList.shipped();
    Set<String> words = new HashSet<>();
    for (PhiSpan s : spans) {
      if (s.type() == PhiType.LOCATION) {
        String w = text.substring(s.start(), s.end()).split("[ \\t]+")[0];
        if (w.length() >= 2 && w.chars().allMatch(Character::isLetter) && !allow.allows(w)
            && !NoteDocument.isShorthand(w.toLowerCase(Locale.ROOT)) && !Lexicon.get().isVocabulary(w.toLowerCase(Locale.ROOT))
            && (INITIALS_SHAPE.matcher(w).matches() || wardName(text, w))) {
          words.add(w);
        }
      }
    }
    for (String w : words) {
      for (int at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
        if (wholeWord(text, at, at + w.length())) {
          spans.add(new PhiSpan(at, at + w.length(), PhiType.LOCATION));
        }
      }
    }
  }
}
