package io.clinicalpipeline.jobs.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  private static TreeMap<String, long[]> counts() {
    TreeMap<String, long[]> m = new TreeMap<>();
    m.put("a", new long[] {3, 0});
    m.put("b", new long[] {9, 1});
    m.put("c", new long[] {9, 7});
    m.put("d", new long[] {1, 9});
    m.put("e", new long[] {5, 5});
    return m;
  }

  @Test
  void minCountOnly_keepsEveryFrequentKey_inKeyOrder() {
    assertThat(FeatureMatrix.vocabulary(counts(), 0, 3, 0)).containsExactly("a", "b", "c", "e");
  }

  @Test
  void maxKeys_keepsTheMostFrequent_tiesByKey_returnedInKeyOrder() {
    assertThat(FeatureMatrix.vocabulary(counts(), 0, 1, 2)).containsExactly("b", "c");
    assertThat(FeatureMatrix.vocabulary(counts(), 0, 1, 3)).containsExactly("b", "c", "e");
    assertThat(FeatureMatrix.vocabulary(counts(), 1, 5, 2)).containsExactly("c", "d");
  }

  @Test
  void taskSpec_defaultsCapTheVocabulary_andZeroLifts() {
    TaskSpec d = TaskSpec.parse("name: t\nindex: {encounter-classes: [AMB]}\nlabel: {outcome: death, window: {end-days: 365}}\n");
    assertThat(d.features().codes().maxKeys()).isEqualTo(TaskSpec.DEFAULT_MAX_CODE_KEYS);
    assertThat(d.features().observations().maxKeys()).isEqualTo(TaskSpec.DEFAULT_MAX_OBSERVATION_KEYS);
    TaskSpec all = TaskSpec.parse(
        "name: t\nindex: {encounter-classes: [AMB]}\nlabel: {outcome: death, window: {end-days: 365}}\nfeatures: {codes: {max-keys: 0}}\n");
    assertThat(all.features().codes().maxKeys()).isZero();
  }
}
