package io.clinicalpipeline.jobs.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic features-job output with a learnable signal: the label depends on age, sex and two of four
 * other features (one with missing values). Laid out as the features job writes it: CSV channels (label
 * first, no header), the transform input (row_id first, in two files of different sizes so that Spark's
 * read order differs from the file order), and the examples side table.
 */
final class TrainFixtures {

  static final int FEATURES = 6;

  private TrainFixtures() {}

  /** What a test needs to know about the data it wrote. */
  record Written(Path dir, List<String> testOrder, Map<String, Integer> testLabels) {}

  /**
   * Writes the fixture under {@code dir}.
   *
   * @param noiseValidation when true, validation labels are coin flips, so validation stops improving
   */
  static Written write(
      SparkSession spark, Path dir, int train, int validation, int test, long seed, boolean noiseValidation) {
    Random random = new Random(seed);
    List<Example> trainRows = examples(random, train, "train", false);
    List<Example> validationRows = examples(random, validation, "validation", noiseValidation);
    List<Example> testRows = examples(random, test, "test", false);
    writeLines(dir.resolve("train/part-00000.csv"), trainRows.stream().map(Example::labelledLine).toList());
    writeLines(
        dir.resolve("validation/part-00000.csv"), validationRows.stream().map(Example::labelledLine).toList());
    writeLines(dir.resolve("test/part-00000.csv"), testRows.stream().map(Example::labelledLine).toList());
    int cut = test / 3;
    writeLines(
        dir.resolve("transform/test/part-00000.csv"),
        testRows.subList(0, cut).stream().map(Example::transformLine).toList());
    writeLines(
        dir.resolve("transform/test/part-00001.csv"),
        testRows.subList(cut, test).stream().map(Example::transformLine).toList());

    List<Row> rows = new ArrayList<>();
    for (List<Example> part : List.of(trainRows, validationRows, testRows)) {
      for (Example e : part) {
        rows.add(e.toRow());
      }
    }
    spark
        .createDataFrame(rows, EXAMPLES_SCHEMA)
        .coalesce(1)
        .write()
        .mode("overwrite")
        .parquet(dir.resolve("examples").toString());

    Map<String, Integer> labels = new LinkedHashMap<>();
    testRows.forEach(e -> labels.put(e.rowId, e.label));
    return new Written(dir, testRows.stream().map(e -> e.rowId).toList(), labels);
  }

  static final StructType EXAMPLES_SCHEMA =
      new StructType()
          .add("row_id", DataTypes.StringType)
          .add("patient_id", DataTypes.StringType)
          .add("index_time", DataTypes.TimestampType)
          .add("split", DataTypes.StringType)
          .add("label", DataTypes.IntegerType)
          .add("sex", DataTypes.StringType)
          .add("age", DataTypes.IntegerType)
          .add("age_band", DataTypes.StringType)
          .add("race", DataTypes.StringType)
          .add("ethnicity", DataTypes.StringType);

  private static List<Example> examples(Random random, int n, String split, boolean noiseLabels) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Example e = new Example();
      e.rowId = String.format("%016x%016x", random.nextLong(), random.nextLong());
      e.split = split;
      e.age = 18 + random.nextInt(72);
      e.sex = random.nextBoolean() ? "M" : "F";
      e.x = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      e.missing = random.nextDouble() < 0.05;
      double logit =
          -0.5 + 0.04 * (e.age - 55) + 0.7 * (e.sex.equals("M") ? 1 : 0) + 1.4 * e.x[0]
              - 1.0 * (e.missing ? 0 : e.x[1]);
      double p = 1 / (1 + Math.exp(-logit));
      double u = random.nextDouble();
      e.label = noiseLabels ? (random.nextBoolean() ? 1 : 0) : (u < p ? 1 : 0);
      out.add(e);
    }
    return out;
  }

  private static final class Example {
    String rowId;
    String split;
    int age;
    String sex;
    double[] x;
    boolean missing;
    int label;

    String features() {
      StringBuilder sb = new StringBuilder();
      sb.append(age).append(',').append(sex.equals("M") ? 1 : 0);
      for (int i = 0; i < x.length; i++) {
        sb.append(',');
        if (!(i == 1 && missing)) {
          sb.append(String.format(Locale.ROOT, "%.6f", x[i]));
        }
      }
      return sb.toString();
    }

    String labelledLine() {
      return label + "," + features();
    }

    String transformLine() {
      return rowId + "," + features();
    }

    Row toRow() {
      String band = age < 40 ? "18-39" : age < 65 ? "40-64" : "65+";
      return RowFactory.create(
          rowId,
          "p" + rowId.substring(0, 31),
          Timestamp.valueOf("2020-01-01 00:00:00"),
          split,
          label,
          sex,
          age,
          band,
          "white",
          "nonhispanic");
    }
  }

  static void writeLines(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path hyperparameters(Path dir, Map<String, String> values) {
    StringBuilder sb = new StringBuilder("{");
    values.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
    sb.append("}\n");
    Path file = dir.resolve("hyperparameters.json");
    writeLines(file, List.of(sb.toString().strip()));
    return file;
  }

  /** AUROC by the rank-sum formula, ties counted half. */
  static double auc(List<Double> scores, List<Integer> labels) {
    double num = 0;
    long pos = 0;
    long neg = 0;
    for (int i = 0; i < scores.size(); i++) {
      if (labels.get(i) == 1) {
        pos++;
        for (int j = 0; j < scores.size(); j++) {
          if (labels.get(j) == 0) {
            double a = scores.get(i);
            double b = scores.get(j);
            num += a > b ? 1 : a == b ? 0.5 : 0;
          }
        }
      } else {
        neg++;
      }
    }
    return num / (pos * neg);
  }
}
