package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The feature computation without IO: candidates (with exclusions), examples (with splits), the windowed
 * aggregates and the feature matrix. Intermediate tables are persisted because several outputs read them;
 * {@link Computed#release()} frees them.
 */
public final class FeaturePipeline {

  /** Everything a run computes. */
  public record Computed(
      Dataset<Row> candidates, Dataset<Row> examples, Dataset<Row> aggregates, FeatureMatrix.Result matrix) {

    public Dataset<Row> wide() {
      return matrix.wide();
    }

    public void release() {
      matrix.vectors().unpersist();
      aggregates.unpersist();
      examples.unpersist();
      candidates.unpersist();
    }
  }

  private FeaturePipeline() {}

  public static Computed compute(TaskSpec spec, FeatureInputs in) {
    SparkSession spark = in.encounters().sparkSession();
    spark.sparkContext().setJobGroup("features-cohort", "index events, labels, exclusions, splits", false);
    Dataset<Row> candidates = CohortTransform.candidates(spec, in).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> examples =
        Splits.assign(spec.split(), candidates.where(col("exclusion").isNull()).drop("exclusion"), in.splits())
            .persist(StorageLevel.MEMORY_AND_DISK());

    spark.sparkContext().setJobGroup("features-aggregate", "events joined to prediction times, one group-by", false);
    Dataset<Row> aggregates =
        WindowedAggregation.aggregate(spec, EventsTransform.events(spec, in), examples)
            .persist(StorageLevel.MEMORY_AND_DISK());

    spark.sparkContext().setJobGroup("features-matrix", "vocabulary, IDF, wide matrix", false);
    FeatureMatrix.Result built = FeatureMatrix.build(spec, examples, aggregates);
    FeatureMatrix.Result matrix =
        new FeatureMatrix.Result(built.vectors().persist(StorageLevel.MEMORY_AND_DISK()), built.features());
    return new Computed(candidates, examples, aggregates, matrix);
  }
}
