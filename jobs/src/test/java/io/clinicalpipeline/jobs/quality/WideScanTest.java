package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.metrics.Metric;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.Option;

class WideScanTest {

  @Test
  @SuppressWarnings("rawtypes")
  void wideScanOverFewRows_isInterpreted_withTheValuesOfCompiledScans_andRestoresSettings() {
    SparkSession spark = SparkTestSession.get();
    int columns = WideScan.WIDE_ANALYZERS / 2 + 2;
    List<Column> cols = new ArrayList<>();
    for (int k = 0; k < columns; k++) {
      cols.add(col("id").multiply(k + 1).mod(97).divide(7.0).as("c" + k));
    }
    Dataset<Row> data = spark.range(500).select(cols.toArray(Column[]::new));
    List<Analyzer> analyzers = new ArrayList<>();
    for (int k = 0; k < columns; k++) {
      analyzers.add(new Mean("c" + k, Option.empty()));
      analyzers.add(new StandardDeviation("c" + k, Option.empty()));
    }
    List<String> before = settings(spark);

    assertThat(WideScan.interpreted(data, analyzers.size())).isTrue();
    assertThat(WideScan.interpreted(data, WideScan.WIDE_ANALYZERS - 1)).isFalse();
    List<Metric<?>> wide = Deequ.analyze(data, analyzers);
    List<Metric<?>> compiled = new ArrayList<>();
    int half = analyzers.size() / 2;
    compiled.addAll(Deequ.analyze(data, analyzers.subList(0, half)));
    compiled.addAll(Deequ.analyze(data, analyzers.subList(half, analyzers.size())));

    for (int i = 0; i < analyzers.size(); i++) {
      assertThat(Deequ.number(wide.get(i))).isPresent().isEqualTo(Deequ.number(compiled.get(i)));
    }
    assertThat(settings(spark)).isEqualTo(before);
  }

  private static List<String> settings(SparkSession spark) {
    List<String> out = new ArrayList<>();
    for (String k : List.of("spark.sql.codegen.wholeStage", "spark.sql.codegen.factoryMode",
        "spark.sql.subexpressionElimination.enabled")) {
      out.add(k + "=" + (spark.conf().getOption(k).isDefined() ? spark.conf().get(k) : "(unset)"));
    }
    return out;
  }
}
