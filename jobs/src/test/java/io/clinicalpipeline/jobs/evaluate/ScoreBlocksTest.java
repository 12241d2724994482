package io.clinicalpipeline.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The range partitioning on the fixtures (mostly tied scores): ordered disjoint blocks, ranges that do not
 * depend on how the input is partitioned, and a shared shuffle of both models that gives each model exactly
 * what a shuffle of its own scores gives.
 */
class ScoreBlocksTest {

  static final List<String> SCORES = List.of("score_model", "score_baseline");

  @TempDir static Path dir;
  static Dataset<Row> joined;
  static ScoreBlocks.Plan plan;

  @BeforeAll
  static void prepare() throws Exception {
    SparkSession spark = SparkTestSession.get();
    String[] inputs = EvaluateFixtures.materialize(dir);
    Storage storage = Storage.of(spark);
    joined =
        EvaluateTransform.joined(
                EvaluateTransform.testSplit(EvaluateJob.readExamples(spark, storage, inputs[1])),
                EvaluateJob.readPredictions(spark, storage, inputs[0], "model"),
                EvaluateJob.readPredictions(spark, storage, inputs[0], "baseline"))
            .cache();
    plan = ScoreBlocks.plan(joined, SCORES, EvaluateTransform.ATTRIBUTES, 5);
  }

  @Test
  void plan_doesNotDependOnTheInputPartitioning() {
    ScoreBlocks.Plan one = ScoreBlocks.plan(joined.coalesce(1), SCORES, EvaluateTransform.ATTRIBUTES, 5);
    ScoreBlocks.Plan seven = ScoreBlocks.plan(joined.repartition(7), SCORES, EvaluateTransform.ATTRIBUTES, 5);

    assertThat(seven.index()).isEqualTo(one.index());
    assertThat(one.index().levels().get(0)).isSorted().doesNotHaveDuplicates();
    for (int m = 0; m < SCORES.size(); m++) {
      assertThat(seven.boundaries().get(m)).containsExactly(one.boundaries().get(m)).hasSize(4).isSorted();
    }
  }

  @Test
  void blocks_areSortedDisjointRangesHoldingEveryRowOnce() {
    JavaRDD<ScoreBlock> all = sharedBlocks();
    long rows = joined.count();
    for (int m = 0; m < SCORES.size(); m++) {
      List<ScoreBlock> blocks = ScoreBlocks.model(all, m, SCORES.size()).collect();
      assertThat(blocks).extracting(b -> b.index).containsExactly(0, 1, 2, 3, 4);
      assertThat(blocks.stream().mapToLong(ScoreBlock::size).sum()).isEqualTo(rows);
      double previous = Double.NEGATIVE_INFINITY;
      for (ScoreBlock b : blocks) {
        for (int i = 0; i < b.size(); i++) {
          if (i > 0 && b.score[i] == b.score[i - 1]) {
            assertThat(b.key[i]).isGreaterThanOrEqualTo(b.key[i - 1]);
          } else {
            // Strictly above everything before it: a run of ties never spans two blocks.
            assertThat(b.score[i]).isGreaterThan(previous);
          }
          previous = b.score[i];
        }
      }
    }
    all.unpersist(false);
  }

  @Test
  void sharedShuffle_givesEachModelTheMetricsOfItsOwnShuffle() {
    JavaRDD<ScoreBlock> all = sharedBlocks();
    MetricSettings settings =
        new MetricSettings(new double[] {0.3, 0.5}, 0.5, new double[] {0.2}, 8, 3, 50, 5, 40);
    for (int m = 0; m < SCORES.size(); m++) {
      ModelMetrics shared =
          BinaryMetrics.evaluate(ScoreBlocks.model(all, m, SCORES.size()), plan.index(), settings, new PassTimer());
      ModelMetrics alone =
          BinaryMetrics.evaluate(EvaluateTransform.scored(joined, SCORES.get(m), plan.index()), plan.index(), settings);

      assertThat(shared.overall()).isEqualTo(alone.overall());
      assertThat(shared.subgroups()).isEqualTo(alone.subgroups());
      assertThat(shared.curve()).isEqualTo(alone.curve());
      assertThat(shared.bootstrap().auroc()).containsExactly(alone.bootstrap().auroc());
      assertThat(shared.bootstrap().averagePrecision()).containsExactly(alone.bootstrap().averagePrecision());
    }
    all.unpersist(false);
  }

  private static JavaRDD<ScoreBlock> sharedBlocks() {
    return ScoreBlocks.of(
            EvaluateTransform.scored(joined, SCORES, plan.index()), plan.index().attributes().size(), plan.boundaries())
        .persist(StorageLevel.MEMORY_ONLY());
  }
}
