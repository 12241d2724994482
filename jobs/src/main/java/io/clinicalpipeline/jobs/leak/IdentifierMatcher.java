package io.clinicalpipeline.jobs.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/**
 * Finds identifiers (lower case → type, from {@link PatientIdentifiers}) in one text, ignoring case, with
 * an Aho-Corasick automaton. Not serializable: build one per partition.
 *
 * <p>A hit must be a whole token: no letter or digit touches it on either side, except the digits of a
 * numeric suffix right after a name. Without that, a name made only of the letters a-f ("Ada", "Dee") would
 * be found inside every keyed pseudonym (32 hex digits) that happens to hold it between two digits.
 */
public final class IdentifierMatcher {

  /** How far before a date the matcher looks for words that present it as a birth date. */
  static final int BIRTH_CONTEXT_CHARS = 32;

  private static final Pattern BIRTH_CONTEXT = Pattern.compile("(?i)(birth|born|\\bdob\\b|d\\.o\\.b)");

  private final PayloadTrie<String> trie;

  private IdentifierMatcher(PayloadTrie<String> trie) {
    this.trie = trie;
  }

  /** A matcher for {@code identifiers} (identifier, lower case → type). */
  public static IdentifierMatcher of(Map<String, String> identifiers) {
    PayloadTrie.PayloadTrieBuilder<String> b = PayloadTrie.<String>builder().ignoreCase().onlyWholeWords();
    identifiers.forEach(b::addKeyword);
    return new IdentifierMatcher(b.build());
  }

  /**
   * The identifier type of every hit in {@code text}. A date equal to some patient's birth date counts
   * only where the text presents it as a birth date ("DOB", "born", "date of birth" at most
   * {@value #BIRTH_CONTEXT_CHARS} characters before it): after shifting, clinical text is full of dates,
   * and one that happens to equal another patient's birth date reveals nothing.
   */
  public List<String> find(String text) {
    List<String> out = new ArrayList<>();
    for (PayloadEmit<String> e : trie.parseText(text)) {
      if (!wholeToken(text, e.getStart(), e.getEnd() + 1)) {
        continue;
      }
      if ("BIRTH_DATE".equals(e.getPayload())
          && !BIRTH_CONTEXT.matcher(text.substring(Math.max(0, e.getStart() - BIRTH_CONTEXT_CHARS), e.getStart())).find()) {
        continue;
      }
      out.add(e.getPayload());
    }
    return out;
  }

  /** Whether {@code text} holds any identifier. */
  public boolean anyIn(String text) {
    return !find(text).isEmpty();
  }

  /**
   * Whether {@code text[start, end)} is a whole token: no letter or digit right before it, and none right
   * after it, once the digits of a numeric suffix after a name ending in a letter are skipped.
   */
  static boolean wholeToken(String text, int start, int end) {
    if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
      return false;
    }
    int after = end;
    if (end > start && Character.isLetter(text.charAt(end - 1))) {
      while (after < text.length() && Character.isDigit(text.charAt(after))) {
        after++;
      }
    }
    return after >= text.length() || !Character.isLetterOrDigit(text.charAt(after));
  }
}
