package io.clinicalpipeline.jobs.evaluate;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.runtime.AbstractFunction1;
import scala.reflect.ClassTag$;

/**
 * Range-partitions each model's scored rows into sorted {@link ScoreBlock}s, one per partition, block order =
 * score order: a sample of scores places the boundaries ({@link SampleScores}), then one shuffle moves
 * primitive chunks ({@link ToScoreChunks}) whose ranges are sorted on arrival ({@link ChunksToScoreBlock}).
 * The rows are read as Catalyst's internal rows throughout. This replaces {@code repartitionByRange} +
 * {@code sortWithinPartitions} + {@code toJavaRDD}, whose sampling pass, row sorter and conversion of every
 * row to a {@code Row} cost most of the evaluation's time.
 */
final class ScoreBlocks {

  /** Sampled rows per range: enough for ranges within a few percent of equal size. */
  static final int SAMPLE_PER_RANGE = 500;

  private ScoreBlocks() {}

  /** The subgroup levels and, per score column, the range boundaries: what one scan of the rows gives. */
  record Plan(SubgroupIndex index, List<double[]> boundaries) {}

  /**
   * One scan of {@code joined} (row_key, the score columns, the string attribute columns): the sorted
   * levels of every attribute (a handful of category names reach the driver, no rows) and each score
   * column's range boundaries for {@code partitions} ranges.
   */
  static Plan plan(Dataset<Row> joined, List<String> scoreColumns, List<String> attributes, int partitions) {
    List<Column> columns = new ArrayList<>();
    columns.add(col("row_key"));
    scoreColumns.forEach(c -> columns.add(col(c).cast("double")));
    attributes.forEach(a -> columns.add(col(a)));
    SampleScores.Result sample = sample(joined.select(columns.toArray(Column[]::new)), scoreColumns.size(), attributes.size(), partitions);
    List<double[]> boundaries = new ArrayList<>();
    for (double[] s : sample.score) {
      boundaries.add(SampleScores.boundaries(s, partitions));
    }
    return new Plan(SubgroupIndex.of(attributes, sample.levels), List.copyOf(boundaries));
  }

  /**
   * {@code scored}: columns score (double), label (int 0/1), row_key (long), then {@code attributes} int
   * columns of group indexes. Samples the scores for the boundaries first. Not persisted: the caller decides.
   */
  static JavaRDD<ScoreBlock> of(Dataset<Row> scored, int attributes, int partitions) {
    SampleScores.Result sample = sample(scored.select("row_key", "score"), 1, 0, partitions);
    return of(scored, attributes, List.of(SampleScores.boundaries(sample.score[0], partitions)));
  }

  /**
   * Several models' blocks from one scan and one shuffle: {@code scored} holds M score columns, then label,
   * row_key and the group indexes; {@code boundaries} M arrays of R - 1 boundaries. Partition {@code m * R + r}
   * holds model m's block r; {@link #model} is the view of one model's blocks.
   */
  static JavaRDD<ScoreBlock> of(Dataset<Row> scored, int attributes, List<double[]> boundaries) {
    int ranges = boundaries.get(0).length + 1;
    return internalRows(scored)
        .mapPartitionsToPair(new ToScoreChunks(boundaries, attributes))
        .partitionBy(new HashPartitioner(boundaries.size() * ranges))
        .values()
        .mapPartitionsWithIndex(new ChunksToScoreBlock(attributes, ranges), true);
  }

  /**
   * Model m's R blocks of {@link #of(Dataset, int, List)}'s output, without touching the other models'
   * partitions (Spark's partition pruning: no task runs for them).
   */
  static JavaRDD<ScoreBlock> model(JavaRDD<ScoreBlock> blocks, int model, int models) {
    int ranges = blocks.getNumPartitions() / models;
    int from = model * ranges;
    return new JavaRDD<>(
        PartitionPruningRDD.create(blocks.rdd(), new PartitionsIn(from, from + ranges)),
        ClassTag$.MODULE$.apply(ScoreBlock.class));
  }

  /** Partition indexes in [from, to): the pruning predicate travels with the RDD, so it is a named class. */
  private static final class PartitionsIn extends AbstractFunction1<Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int to;

    PartitionsIn(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public Object apply(Object partition) {
      int p = (Integer) partition;
      return p >= from && p < to;
    }
  }

  private static SampleScores.Result sample(Dataset<Row> rows, int scores, int attributes, int partitions) {
    int size = SAMPLE_PER_RANGE * partitions;
    return SampleScores.merge(
        internalRows(rows).mapPartitions(new SampleScores(size, scores, attributes)).collect(), size, scores, attributes);
  }

  /** The rows as Catalyst produces them; each row object is reused, so readers copy what they keep. */
  private static JavaRDD<InternalRow> internalRows(Dataset<Row> rows) {
    return rows.queryExecution().toRdd().toJavaRDD();
  }
}
