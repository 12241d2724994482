package io.clinicalpipeline.jobs.deid;

import java.util.Arrays;
import java.util.Collection;

/**
 * A case-insensitive dictionary of words and phrases matched as whole words: a character trie walked only
 * from the positions where a word starts, so a text costs a few steps per word whatever the dictionary's
 * size. Finds the same occurrences as {@code org.ahocorasick}'s {@code PayloadTrie} built with
 * {@code ignoreCase().onlyWholeWords()} (characters folded with {@link Character#toLowerCase(char)}; a match
 * must not touch an alphabetic character on either side), which walks every character through boxed map
 * lookups. Immutable and thread-safe once built.
 */
final class WordTrie {

  private static final char[] NO_KEYS = new char[0];
  private static final Node[] NO_NODES = new Node[0];

  private static final class Node {
    char[] keys = NO_KEYS; // sorted
    Node[] next = NO_NODES;
    boolean terminal;

    Node child(char c) {
      int k = Arrays.binarySearch(keys, c);
      return k >= 0 ? next[k] : null;
    }

    Node addChild(char c) {
      int k = Arrays.binarySearch(keys, c);
      if (k >= 0) {
        return next[k];
      }
      int at = -k - 1;
      char[] ks = new char[keys.length + 1];
      Node[] ns = new Node[next.length + 1];
      System.arraycopy(keys, 0, ks, 0, at);
      System.arraycopy(next, 0, ns, 0, at);
      ks[at] = c;
      ns[at] = new Node();
      System.arraycopy(keys, at, ks, at + 1, keys.length - at);
      System.arraycopy(next, at, ns, at + 1, next.length - at);
      keys = ks;
      next = ns;
      return ns[at];
    }
  }

  /** Receives one occurrence {@code [start, end)}. */
  @FunctionalInterface
  interface Hit {
    void accept(int start, int end);
  }

  private final Node root = new Node();

  WordTrie(Collection<String> words) {
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      Node n = root;
      for (int i = 0; i < w.length(); i++) {
        n = n.addChild(Character.toLowerCase(w.charAt(i)));
      }
      n.terminal = true;
    }
  }

  /** Whether {@code i} can start a whole-word occurrence: no alphabetic character just before it. */
  static boolean wordStart(String text, int i) {
    return i == 0 || !Character.isAlphabetic(text.charAt(i - 1));
  }

  /** Every whole-word occurrence that starts at {@code start}, shortest first. */
  void matchAt(String text, int start, Hit hit) {
    if (!wordStart(text, start)) {
      return;
    }
    Node n = root;
    int len = text.length();
    for (int i = start; i < len; i++) {
      n = n.child(Character.toLowerCase(text.charAt(i)));
      if (n == null) {
        return;
      }
      if (n.terminal && (i + 1 == len || !Character.isAlphabetic(text.charAt(i + 1)))) {
        hit.accept(start, i + 1);
      }
    }
  }

  /** Every whole-word occurrence in {@code text}. */
  void matchAll(String text, Hit hit) {
    for (int i = 0; i < text.length(); i++) {
      matchAt(text, i, hit);
    }
  }
}
