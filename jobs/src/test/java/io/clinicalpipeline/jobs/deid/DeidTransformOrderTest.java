package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output order of {@link DeidTransform#ordered}: total, independent of the input, not the input's. */
class DeidTransformOrderTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("row_id", DataTypes.StringType)
          .add("patient_id", DataTypes.StringType)
          .add("code", DataTypes.StringType)
          .add("value", DataTypes.DoubleType);

  /** 40 patients, 600 rows; rows differ in one column only, some only in a null, two are identical. */
  private static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String patient = PseudonymKey.of("order-test-key-0123456789").pseudonym("p" + (i % 40));
      out.add(RowFactory.create(String.format("r%05d", i / 2 * 2), patient, i % 3 == 0 ? null : "c" + (i % 5),
          i % 7 == 0 ? null : (double) (i % 11)));
    }
    return out;
  }

  private static List<Row> ordered(SparkSession spark, List<Row> input, int inputPartitions) {
    Dataset<Row> df = spark.createDataFrame(input, SCHEMA).repartition(inputPartitions);
    return DeidTransform.ordered(df, 3).collectAsList();
  }

  @Test
  void order_isTheSame_forAnyInputOrderAndPartitioning() {
    SparkSession spark = SparkTestSession.get();
    List<Row> input = rows();
    List<Row> a = ordered(spark, input, 1);
    List<Row> shuffled = new ArrayList<>(input);
    Collections.shuffle(shuffled, new Random(7));
    List<Row> b = ordered(spark, shuffled, 5);
    Collections.reverse(shuffled);
    List<Row> c = ordered(spark, shuffled, 2);
    assertThat(a).hasSize(600).isEqualTo(b).isEqualTo(c);
    assertThat(a).containsExactlyInAnyOrderElementsOf(input);
  }

  @Test
  void order_doesNotKeepTheInputOrder_andKeepsAPatientsRowsTogether() {
    SparkSession spark = SparkTestSession.get();
    List<Row> input = rows();
    List<Row> out = ordered(spark, input, 1);
    List<String> ids = out.stream().map(r -> r.getString(0)).toList();
    List<String> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    assertThat(ids).isNotEqualTo(sorted);
    // every patient's rows form one run
    List<String> runs = new ArrayList<>();
    for (Row r : out) {
      if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(r.getString(1))) {
        runs.add(r.getString(1));
      }
    }
    assertThat(runs).hasSize(40).doesNotHaveDuplicates();
    assertThat(out.stream().map(r -> r.getString(1)).collect(Collectors.toSet())).hasSize(40);
  }

  /** Notes scrubbed in 1 or 5 partitions give the same rows in the same order (only the output count fixes files). */
  @Test
  void notes_areTheSame_forAnyNumberOfScrubPartitions(@TempDir Path tmp) throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path raw = DeidFixtures.writeRaw(spark, tmp.resolve("raw"));
    // 30 patients, 40 notes: every id suffixed per copy, so each copy is its own patient
    Dataset<Row> notes = DeidBench.replicated(spark.read().parquet(raw.resolve("notes").toString()), 10);
    Dataset<Row> patients = DeidBench.replicated(spark.read().parquet(raw.resolve("patients").toString()), 10);
    DeidSettings settings =
        new DeidSettings(PseudonymKey.of("order-test-key-0123456789"), DatePolicy.SHIFT, ReplacementMode.SURROGATES,
            LocalDate.of(2023, 6, 1), ZipCodes.load());
    List<Row> one = DeidTransform.notesWithCounts(notes, patients, settings, 2, 1).collectAsList();
    List<Row> five = DeidTransform.notesWithCounts(notes, patients, settings, 2, 5).collectAsList();
    assertThat(one).hasSize(40).isEqualTo(five);
    int text = one.get(0).fieldIndex("text");
    assertThat(one).noneMatch(r -> r.getString(text).contains("Quintana") || r.getString(text).contains("MRN-40017"));
  }
}
