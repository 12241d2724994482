package io.clinicalpipeline.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap replicates against a direct computation on the fixture rows with the same Poisson weights:
 * weighted AUROC over all positive-negative pairs (ties one half) and weighted average precision over
 * distinct scores. With at least as many rank bins as rows the binned average precision is exact too.
 */
class BinaryMetricsBootstrapTest {

  static final int REPLICATES = 12;
  static final long SEED = 99;

  @TempDir static Path dir;
  static Dataset<Row> scored;
  static SubgroupIndex index;
  static List<Row> rows;

  @BeforeAll
  static void prepare() throws Exception {
    SparkSession spark = SparkTestSession.get();
    String[] inputs = EvaluateFixtures.materialize(dir);
    Storage storage = Storage.of(spark);
    Dataset<Row> test = EvaluateTransform.testSplit(EvaluateJob.readExamples(spark, storage, inputs[1]));
    Dataset<Row> joined =
        EvaluateTransform.joined(
                test,
                EvaluateJob.readPredictions(spark, storage, inputs[0], "model"),
                EvaluateJob.readPredictions(spark, storage, inputs[0], "baseline"))
            .cache();
    index = ScoreBlocks.plan(joined, List.of("score_model"), EvaluateTransform.ATTRIBUTES, 1).index();
    scored = EvaluateTransform.scored(joined, "score_model", index).cache();
    rows = scored.select("score", "label", "row_key").collectAsList();
  }

  static MetricSettings settings(int partitions, int bins) {
    return new MetricSettings(new double[] {0.5}, 0.5, new double[] {0.5}, REPLICATES, SEED, bins, partitions, 100);
  }

  @Test
  void replicates_equalDirectWeightedComputation() {
    ModelMetrics m = BinaryMetrics.evaluate(scored, index, settings(4, 1000));

    assertThat(m.bootstrap().apBinningShift()).isCloseTo(0, within(1e-12));
    for (int k = 0; k < REPLICATES; k++) {
      double[] w = weights(k);
      assertThat(m.bootstrap().auroc()[k]).as("auroc " + k).isCloseTo(weightedAuroc(w), within(1e-9));
      assertThat(m.bootstrap().averagePrecision()[k]).as("ap " + k).isCloseTo(weightedAp(w), within(1e-9));
    }
  }

  @Test
  void aurocReplicates_doNotDependOnPartitioning() {
    double[] one = BinaryMetrics.evaluate(scored, index, settings(1, 1000)).bootstrap().auroc();
    double[] seven = BinaryMetrics.evaluate(scored, index, settings(7, 1000)).bootstrap().auroc();
    for (int k = 0; k < REPLICATES; k++) {
      assertThat(seven[k]).isCloseTo(one[k], within(1e-12));
    }
  }

  @Test
  void coarseRankBins_shiftApReplicatesByTheBinningEffect() {
    ModelMetrics coarse = BinaryMetrics.evaluate(scored, index, settings(3, 10));
    assertThat(coarse.bootstrap().apBinningShift()).isNotZero();
    for (int k = 0; k < REPLICATES; k++) {
      assertThat(coarse.bootstrap().averagePrecision()[k]).isCloseTo(weightedAp(weights(k)), within(0.05));
    }
  }

  @Test
  void poissonWeights_haveMeanAndVarianceOne() {
    int[] w = new int[200];
    double sum = 0;
    double squares = 0;
    int n = 0;
    for (long key = 0; key < 5000; key++) {
      long base = PoissonWeights.rowBase(SEED, key);
      PoissonWeights.fill(base, w);
      for (int b = 0; b < w.length; b++) {
        assertThat(w[b]).isEqualTo(PoissonWeights.weight(base, b));
        sum += w[b];
        squares += (double) w[b] * w[b];
        n++;
      }
    }
    double mean = sum / n;
    assertThat(mean).isCloseTo(1.0, within(0.01));
    assertThat(squares / n - mean * mean).isCloseTo(1.0, within(0.01));
  }

  private static double[] weights(int k) {
    double[] w = new double[rows.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = PoissonWeights.weight(PoissonWeights.rowBase(SEED, rows.get(i).getLong(2)), k);
    }
    return w;
  }

  private static double weightedAuroc(double[] w) {
    double concordant = 0;
    double positives = 0;
    double negatives = 0;
    for (int i = 0; i < w.length; i++) {
      if (rows.get(i).getInt(1) == 1) {
        positives += w[i];
      } else {
        negatives += w[i];
      }
    }
    for (int i = 0; i < w.length; i++) {
      if (rows.get(i).getInt(1) != 1) {
        continue;
      }
      for (int j = 0; j < w.length; j++) {
        if (rows.get(j).getInt(1) == 1) {
          continue;
        }
        double si = rows.get(i).getDouble(0);
        double sj = rows.get(j).getDouble(0);
        concordant += w[i] * w[j] * (si > sj ? 1 : si == sj ? 0.5 : 0);
      }
    }
    return concordant / (positives * negatives);
  }

  /** scikit-learn's average precision with sample weights: one term per distinct score, descending. */
  private static double weightedAp(double[] w) {
    TreeMap<Double, double[]> byScore = new TreeMap<>();
    double positives = 0;
    for (int i = 0; i < w.length; i++) {
      double[] c = byScore.computeIfAbsent(rows.get(i).getDouble(0), s -> new double[2]);
      c[rows.get(i).getInt(1)] += w[i];
      positives += rows.get(i).getInt(1) * w[i];
    }
    double tp = 0;
    double fp = 0;
    double ap = 0;
    for (double[] c : byScore.descendingMap().values()) {
      tp += c[1];
      fp += c[0];
      if (c[1] > 0) {
        ap += c[1] / positives * tp / (tp + fp);
      }
    }
    return ap;
  }
}
