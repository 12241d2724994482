package io.clinicalpipeline.jobs.deid;

/**
 * How a note is written: mostly capitals, mostly lower case, or mixed. Telegraphic clinical notes come in
 * the first two; there capitalisation says nothing about names, so list and shape evidence counts less.
 */
public enum CaseProfile {
  CAPITALS,
  LOWER,
  MIXED;

  static CaseProfile of(String text) {
    int upper = 0;
    int lower = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isUpperCase(c)) {
        upper++;
      } else if (Character.isLowerCase(c)) {
        lower++;
      }
    }
    if (upper > 20 && upper > 4 * lower) {
      return CAPITALS;
    }
    if (lower > 20 && lower > 4 * upper && sentenceCapitals(text) < 0.3 && fewCapitalisedWords(text)) {
      return LOWER;
    }
    return MIXED;
  }

  /** At least 20 words, of which at most one in {@link #LOWER_CAPITALISED_SHARE} starts with a capital. */
  static boolean fewCapitalisedWords(String text) {
    int words = 0;
    int capitalised = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
        words++;
        capitalised += Character.isUpperCase(c) ? 1 : 0;
      }
    }
    return words >= 20 && capitalised <= LOWER_CAPITALISED_SHARE * words;
  }

  static final double LOWER_CAPITALISED_SHARE = 0.06;

  /** The share of sentences (after a line break or a stop and a blank) that open with a capital. */
  static double sentenceCapitals(String text) {
    int sentences = 0;
    int capitals = 0;
    boolean open = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        if (open) {
          sentences++;
          capitals += Character.isUpperCase(c) ? 1 : 0;
        }
        open = false;
      } else if (c == '\n' || (c == '.' || c == '!' || c == '?') && i + 1 < text.length() && text.charAt(i + 1) == ' ') {
        open = true;
      }
    }
    return sentences == 0 ? 0 : (double) capitals / sentences;
  }

  /** Capitals or lower case throughout: the telegraphic genre of ward notes. */
  boolean telegraphic() {
    return this != MIXED;
  }
}
