package io.clinicalpipeline.jobs.meds;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.common.spark.SparkSessions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Checks a folder against the MEDS schema: {@code MedsValidateJob --input OUT/meds}. Exit 0 when valid, 2 with
 * every problem (file, row, field; never a value) when not.
 */
public final class MedsValidateJob {

  public static final String NAME = "meds-validate";
  public static final String USAGE =
      """
      meds-validate --input DIR
        --input  a MEDS data set: data/**/*.parquet, metadata/codes.parquet, metadata/subject_splits.parquet,
                 metadata/dataset.json, optional labels/**/*.parquet
      """;

  private MedsValidateJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(
        NAME,
        () -> {
          String input = Args.parse(args, Set.of("input"), Set.of()).require("input");
          SparkSession spark = SparkSessions.forJob("clinical-pipeline meds-validate", Map.of());
          List<String> errors = MedsValidator.validate(spark, input);
          if (!errors.isEmpty()) {
            throw new InputException("not a valid MEDS " + MedsSchema.MEDS_VERSION + " data set ("
                + errors.size() + " problems):\n  " + String.join("\n  ", errors));
          }
          System.out.println(NAME + ": valid MEDS " + MedsSchema.MEDS_VERSION + " data set");
          return 0;
        });
  }
}
