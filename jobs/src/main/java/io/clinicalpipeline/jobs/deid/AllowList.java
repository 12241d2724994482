package io.clinicalpipeline.jobs.deid;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Words that are never PHI on their own in telegraphic notes: ordinary English words (SCOWL), clinical
 * abbreviations, units and drug short forms (lexicon/allow-words.txt, derived by
 * {@code jobs/src/build/deid/derive_allow_words.py}), the clinical and common word lists, and what a user's
 * rules file allows. Loaded once per JVM.
 */
final class AllowList {

  private static final AllowList SHIPPED = new AllowList(Set.of());

  private final Set<String> words;
  private final Set<String> userWords;

  private AllowList(Set<String> extra) {
    Set<String> w = new HashSet<>(Lexicon.readResource("/io/clinicalpipeline/jobs/deid/lexicon/allow-words.txt"));
    Set<String> u = new HashSet<>();
    for (String s : extra) {
      u.add(s.toLowerCase(Locale.ROOT));
    }
    w.addAll(u);
    words = w;
    userWords = u;
  }

  /** Whether the user's rules allow {@code text} (the whole span, lower case). */
  boolean userAllows(String text) {
    return !userWords.isEmpty() && userWords.contains(text.strip().toLowerCase(Locale.ROOT));
  }

  static AllowList shipped() {
    return SHIPPED;
  }

  /** The shipped list plus a user's words. */
  static AllowList with(Set<String> extra) {
    return extra.isEmpty() ? SHIPPED : new AllowList(extra);
  }

  /** Whether the word (any case, trailing "'s" and marks ignored) is allowed. */
  boolean allows(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.endsWith("'s") || w.endsWith("’s")) {
      w = w.substring(0, w.length() - 2);
    }
    w = trimMarks(w);
    if (w.isEmpty() || words.contains(w) || Lexicon.get().isVocabulary(w)) {
      return true;
    }
    // plurals and inflections of allowed words: "boluses", "pvc's", "sats"
    return w.endsWith("s") && words.contains(w.substring(0, w.length() - 1))
        || w.endsWith("es") && words.contains(w.substring(0, w.length() - 2))
        || w.endsWith("ed") && words.contains(w.substring(0, w.length() - 2))
        || w.endsWith("ing") && words.contains(w.substring(0, w.length() - 3));
  }

  /**
   * Whether a word of six or more letters is one slip from an allowed word: a doubled or a dropped letter's
   * mirror (a letter too many) or two neighbours swapped ("recieved", "vomitted"), as ward notes misspell.
   */
  boolean nearlyAllows(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.length() < 6 || !w.chars().allMatch(Character::isLetter) || Lexicon.get().isName(w)) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if (words.contains(w.substring(0, i) + w.substring(i + 1))) {
        return true;
      }
      if (i + 1 < w.length()) {
        String swapped = w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
        if (words.contains(swapped)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Without the marks before the first and after the last letter or digit. */
  private static String trimMarks(String w) {
    int a = 0;
    int b = w.length();
    while (a < b && !Character.isLetterOrDigit(w.charAt(a))) {
      a++;
    }
    while (b > a && !Character.isLetterOrDigit(w.charAt(b - 1))) {
      b--;
    }
    return w.substring(a, b);
  }

  /** The share of the words of {@code text} that are allowed (0 when it has none). */
  double allowedShare(String text) {
    int words = 0;
    int allowed = 0;
    for (String part : text.split("[\\s,;:/().&+-]+")) {
      if (!part.isEmpty()) {
        words++;
        allowed += allows(part) || nearlyAllows(part) ? 1 : 0;
      }
    }
    return words == 0 ? 0 : (double) allowed / words;
  }

  /** Whether every word of {@code text} is allowed (a span of ordinary words is no name or place). */
  boolean allowsAll(String text) {
    boolean any = false;
    for (String part : text.split("[\\s,;:/().&+-]+")) {
      if (part.isEmpty()) {
        continue;
      }
      any = true;
      if (!allows(part) && !nearlyAllows(part)) {
        return false;
      }
    }
    return any;
  }
}
