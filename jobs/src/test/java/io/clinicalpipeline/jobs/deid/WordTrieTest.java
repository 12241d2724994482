package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;
import org.junit.jupiter.api.Test;

class WordTrieTest {

  private static final List<String> WORDS =
      List.of("York", "New York", "St. Louis", "Winston-Salem", "Coeur d'Alene", "Ann", "Ann Arbor", "Arbor",
          "Åre", "Salem");

  private static Set<String> trie(String text) {
    Set<String> out = new TreeSet<>();
    new WordTrie(WORDS).matchAll(text, (s, e) -> out.add(s + "-" + e));
    return out;
  }

  private static Set<String> ahoCorasick(String text) {
    PayloadTrie.PayloadTrieBuilder<String> b = PayloadTrie.<String>builder().ignoreCase().onlyWholeWords();
    WORDS.forEach(w -> b.addKeyword(w, w));
    Set<String> out = new TreeSet<>();
    for (PayloadEmit<String> e : b.build().parseText(text)) {
      out.add(e.getStart() + "-" + (e.getEnd() + 1));
    }
    return out;
  }

  @Test
  void matchAll_wholeWordsInAnyCase_overlapsIncluded() {
    // TreeSet order of "start-end" strings
    assertThat(trie("to NEW YORK, then ann arbor; Yorkshire is not; st. louis"))
        .containsExactly("18-21", "18-27", "22-27", "3-11", "47-56", "7-11");
  }

  @Test
  void matchAll_sameOccurrencesAsAhoCorasickWholeWords() {
    String[] pieces = {"New York", "york", "Yorkshire", "St. Louis", "winston-salem", "Coeur d'Alene", "ann arbor",
        "Annapolis", "ÅRE", "Salem's", "x", "1", "-", " ", "\n", ",", "é"};
    Random r = new Random(7);
    for (int k = 0; k < 500; k++) {
      StringBuilder b = new StringBuilder();
      for (int p = 0; p < 1 + r.nextInt(8); p++) {
        b.append(pieces[r.nextInt(pieces.length)]);
      }
      String text = b.toString();
      assertThat(trie(text)).as(text).isEqualTo(ahoCorasick(text));
    }
  }
}
