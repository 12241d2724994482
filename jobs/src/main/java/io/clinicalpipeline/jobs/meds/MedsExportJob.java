package io.clinicalpipeline.jobs.meds;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.spark.SparkSessions;
import io.clinicalpipeline.jobs.features.CohortTransform;
import io.clinicalpipeline.jobs.features.FeatureInputs;
import io.clinicalpipeline.jobs.features.FeaturesJob;
import io.clinicalpipeline.jobs.features.Splits;
import io.clinicalpipeline.jobs.features.TaskSpec;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the de-identified layer as a MEDS data set:
 * {@code MedsExportJob --input OUT/deid --output OUT/meds [--task NAME] [--features OUT/features]}. Events as
 * {@link MedsEvents} describes them, subject ids as {@link MedsIds}, the task's patient-level splits and labels;
 * the result is checked with {@link MedsValidator} before the job reports success. See {@code jobs/MEDS.md}.
 */
public final class MedsExportJob {

  public static final String NAME = "meds-export";
  public static final String ETL_NAME = "clinical-pipeline meds-export";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MedsExportJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(
        NAME,
        () -> {
          MedsExportOptions options = MedsExportOptions.parse(args);
          TaskSpec spec = FeaturesJob.loadTask(options.task());
          SparkSession spark = SparkSessions.forJob("clinical-pipeline meds-export", Map.of());
          System.out.println(run(spark, options, spec));
          return 0;
        });
  }

  /** The job body, for a session the caller owns; returns a one-line summary in counts only. */
  public static String run(SparkSession spark, MedsExportOptions options, TaskSpec spec) {
    Storage storage = Storage.of(spark);
    MedsFiles files = new MedsFiles(storage);
    String out = options.output();
    FeatureInputs in = FeatureInputs.read(spark, options.input());

    Dataset<Row> events = MedsEvents.of(in).withColumn(MedsSchema.SUBJECT_ID, MedsIds.subjectId(col("patient_id")));
    Dataset<Row> subjects = events.select("patient_id", MedsSchema.SUBJECT_ID).distinct().cache();
    long collisions =
        subjects.groupBy(MedsSchema.SUBJECT_ID).agg(countDistinct("patient_id").as("n")).where(col("n").gt(1)).count();
    if (collisions > 0) {
      throw new JobException(collisions + " subject ids are each derived from more than one patient pseudonym;"
          + " the data set cannot be written with unique subjects");
    }

    Dataset<Row> data =
        events
            .select(col(MedsSchema.SUBJECT_ID), col("time").cast("timestamp_ntz").as(MedsSchema.TIME),
                col(MedsSchema.CODE), col(MedsSchema.NUMERIC_VALUE), col(MedsSchema.TEXT_VALUE), col(MedsSchema.TABLE),
                col(MedsSchema.RECORD_ID))
            .repartition(options.shards(), col(MedsSchema.SUBJECT_ID))
            .sortWithinPartitions(col(MedsSchema.SUBJECT_ID), col(MedsSchema.TIME).asc_nulls_first(),
                col(MedsSchema.CODE), col(MedsSchema.NUMERIC_VALUE).asc_nulls_first(),
                col(MedsSchema.TEXT_VALUE).asc_nulls_first(), col(MedsSchema.TABLE),
                col(MedsSchema.RECORD_ID).asc_nulls_first());
    files.folder(data, Storage.resolve(out, MedsSchema.DATA));

    Dataset<Row> codes =
        events.groupBy(MedsSchema.CODE).agg(min("description").as("description"))
            .withColumn("parent_codes", array().cast("array<string>"))
            .orderBy(MedsSchema.CODE);
    files.file(codes, Storage.resolve(out, MedsSchema.METADATA, MedsSchema.CODES_FILE));

    Dataset<Row> examples =
        CohortTransform.candidates(spec, in).where(col("exclusion").isNull()).drop("exclusion");
    Dataset<Row> assigned = options.features() == null
        ? Splits.assign(spec.split(), examples).select("patient_id", "split").distinct()
        : featureSplits(spark, storage, options.features(), spec);
    files.file(subjectSplits(spec, subjects, assigned), Storage.resolve(out, MedsSchema.METADATA, MedsSchema.SPLITS_FILE));

    Dataset<Row> labels =
        examples
            .select(MedsIds.subjectId(col("patient_id")).as(MedsSchema.SUBJECT_ID),
                col("prediction_time").cast("timestamp_ntz").as(MedsSchema.PREDICTION_TIME),
                col("label").equalTo(1).as(MedsSchema.BOOLEAN_VALUE),
                lit(null).cast("long").as("integer_value"), lit(null).cast("double").as("float_value"),
                lit(null).cast("string").as("categorical_value"))
            .coalesce(1)
            .sortWithinPartitions(MedsSchema.SUBJECT_ID, MedsSchema.PREDICTION_TIME, MedsSchema.BOOLEAN_VALUE);
    files.folder(labels, Storage.resolve(out, MedsSchema.LABELS, spec.name()));

    storage.writeText(Storage.resolve(out, MedsSchema.METADATA, MedsSchema.DATASET_FILE),
        datasetJson(storage, options));
    subjects.unpersist();

    List<String> errors = MedsValidator.validate(spark, out);
    if (!errors.isEmpty()) {
      throw new JobException("the written data set fails the MEDS checks: " + String.join("; ", errors));
    }
    return String.format("meds-export: %d subjects, task %s, valid MEDS %s", subjects.count(), spec.name(),
        MedsSchema.MEDS_VERSION);
  }

  /** Every subject with a split: the task's (or the features output's), else the unstratified cut. */
  static Dataset<Row> subjectSplits(TaskSpec spec, Dataset<Row> subjects, Dataset<Row> assigned) {
    Column project = coalesce(col("split"), Splits.unstratified(spec.split(), col("patient_id")));
    Column meds = lit(null).cast("string");
    for (Map.Entry<String, String> s : MedsSchema.SPLITS.entrySet()) {
      meds = when(project.equalTo(s.getKey()), lit(s.getValue())).otherwise(meds);
    }
    return subjects
        .join(assigned, CohortTransform.seq("patient_id"), "left")
        .select(col(MedsSchema.SUBJECT_ID), meds.as(MedsSchema.SPLIT))
        .coalesce(1)
        .sortWithinPartitions(MedsSchema.SUBJECT_ID);
  }

  /** The patient splits of a features output of the same task. */
  static Dataset<Row> featureSplits(SparkSession spark, Storage storage, String features, TaskSpec spec) {
    String manifest = Storage.resolve(features, Manifest.FILE_NAME);
    if (!storage.exists(manifest) || !storage.exists(Storage.resolve(features, "examples"))) {
      throw new UsageException("--features must be a features output (examples/ and _manifest.json)");
    }
    try {
      String task = JSON.readTree(storage.readText(manifest)).path("attributes").path("task").asText("");
      if (!task.equals(spec.name())) {
        throw new UsageException("--features was built for another task than --task");
      }
    } catch (JsonProcessingException e) {
      throw new UsageException("--features: _manifest.json is not valid JSON");
    }
    return spark.read().parquet(Storage.resolve(features, "examples")).select("patient_id", "split").distinct();
  }

  static String datasetJson(Storage storage, MedsExportOptions options) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dataset_name", options.datasetName());
    String deidManifest = Storage.resolve(options.input(), Manifest.FILE_NAME);
    m.put("dataset_version", storage.exists(deidManifest)
        ? Manifest.sha256(storage.readText(deidManifest)).substring(0, 16) : "unversioned");
    m.put("etl_name", ETL_NAME);
    m.put("etl_version", FeaturesJob.version());
    m.put("meds_version", MedsSchema.MEDS_VERSION);
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
