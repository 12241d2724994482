package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  static final int ROWS = 40;

  /** Row ids that read as keyed pseudonyms (shown as they are); feature f_k is null where id % (k + 2) == 0. */
  static Dataset<Row> features(SparkSession spark, int featureCount) {
    List<Column> cols = new ArrayList<>();
    cols.add(format_string("%032x", col("id").multiply(7919)).as("row_id"));
    cols.add(col("id").mod(2).cast("int").as("label"));
    for (int k = 0; k < featureCount; k++) {
      cols.add(when(col("id").mod(k + 2).notEqual(0), col("id").cast("double")).as("f_" + k));
    }
    cols.add(lit("train").as("split"));
    return spark.range(ROWS).select(cols.toArray(Column[]::new));
  }

  static QualityReport run(Dataset<Row> features) {
    Suite suite = Suite.parse("""
        replace: true
        evidence-rows: 5
        tables:
          features: {ids: [row_id]}
        checks:
          - {name: "c.{column}", table: features, type: complete, columns: ["*features"], category: completeness,
             level: warning, threshold: 0.0}
        """, "s");
    return QualityRun.run(Checkpoint.FEATURES, suite, Map.of("features", features), Optional.empty(),
        new MetricsHistory.InMemory(), "2024-01-01T00:00:00Z", Map.of());
  }

  /** The first {@code n} violating ids of feature k, as the report must list them: ascending. */
  static List<String> expected(int k, int n) {
    List<String> ids = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      if (id % (k + 2) == 0) {
        ids.add(String.format("%032x", id * 7919));
      }
    }
    ids.sort(null);
    return ids.subList(0, Math.min(n, ids.size()));
  }

  @Test
  void manyFailedRowChecks_shareOneEvidencePass_eachWithItsOwnFirstIds() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> one = features(spark, 1);
    Dataset<Row> many = features(spark, 30);
    int jobsOne = QualityRunTest.jobsOf(spark, () -> run(one));
    QualityReport[] report = new QualityReport[1];
    int jobsMany = QualityRunTest.jobsOf(spark, () -> report[0] = run(many));

    assertThat(jobsMany).isEqualTo(jobsOne);
    for (int k = 0; k < 30; k++) {
      CheckResult c = report[0].check("c.f_" + k).orElseThrow();
      assertThat(c.status()).isEqualTo("failed");
      assertThat(c.evidence()).extracting(e -> e.get("row_id")).containsExactlyElementsOf(expected(k, 5));
    }
  }
}
