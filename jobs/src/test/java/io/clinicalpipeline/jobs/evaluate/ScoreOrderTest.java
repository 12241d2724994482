package io.clinicalpipeline.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The primitive sort that orders a block against a comparator sort of the same rows. */
class ScoreOrderTest {

  @Test
  void of_ordersByScoreThenKeyThenLabel_asAComparatorSortDoes() {
    Random random = new Random(7);
    int n = 5_000;
    double[] levels = {0.0, -0.0, 0.1, 0.25, 0.5, 0.5000000000000001, 0.9, 1.0};
    double[] score = new double[n];
    long[] key = new long[n];
    byte[] label = new byte[n];
    for (int i = 0; i < n; i++) {
      // Few distinct scores and keys: long tie runs, keys tied within them, both labels on a tied key.
      score[i] = random.nextInt(4) == 0 ? random.nextDouble() : levels[random.nextInt(levels.length)];
      key[i] = random.nextInt(50) - 25;
      label[i] = (byte) random.nextInt(2);
    }

    int[] order = ScoreOrder.of(score, key, label, n);

    Comparator<Integer> byValues =
        Comparator.<Integer>comparingDouble(i -> score[i] + 0.0)
            .thenComparingLong(i -> key[i])
            .thenComparingInt(i -> label[i]);
    int[] expected = IntStream.range(0, n).boxed().sorted(byValues).mapToInt(Integer::intValue).toArray();
    assertThat(order).containsExactly(expected);
  }

  @Test
  void sortable_keepsNumericOrderAndEqualsZeroForNegativeZero() {
    assertThat(ScoreOrder.sortable(-0.0)).isEqualTo(ScoreOrder.sortable(0.0));
    double[] ascending = {-2.5, -1e-300, 0.0, Double.MIN_VALUE, 1e-9, 0.5, 1.0, 3.0};
    for (int i = 1; i < ascending.length; i++) {
      assertThat(ScoreOrder.sortable(ascending[i])).isGreaterThan(ScoreOrder.sortable(ascending[i - 1]));
    }
  }
}
