package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.ahocorasick.trie.PayloadTrie;
import org.junit.jupiter.api.Test;

class LeakScanTest {

  private final PayloadTrie<String> trie =
      LeakScan.automaton(Map.of("1950-03-14", "BIRTH_DATE", "quenby", "NAME", "555-867-5309", "PHONE"));

  @Test
  void find_matchesWholeWordsInAnyCase() {
    assertThat(LeakScan.find(trie, "SEEN BY QUENBY TODAY")).containsExactly("NAME");
    assertThat(LeakScan.find(trie, "call 555-867-5309")).containsExactly("PHONE");
    assertThat(LeakScan.find(trie, "Quenbyville clinic")).isEmpty();
  }

  @Test
  void find_countsABirthDateOnlyWhereTheTextPresentsItAsOne() {
    assertThat(LeakScan.find(trie, "Visit on 1950-03-14: follow-up")).isEmpty();
    assertThat(LeakScan.find(trie, "DOB: 1950-03-14")).containsExactly("BIRTH_DATE");
    assertThat(LeakScan.find(trie, "Date of birth 1950-03-14")).containsExactly("BIRTH_DATE");
    assertThat(LeakScan.find(trie, "born on 1950-03-14")).containsExactly("BIRTH_DATE");
  }
}
