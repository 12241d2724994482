package io.clinicalpipeline.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.sql.SaveMode;

/**
 * The committed fixtures (made by {@code make_fixtures.py} beside them) laid out as the pipeline writes
 * them: {@code predictions/{model,baseline}/test.csv.out} and the examples side table as Parquet.
 */
final class EvaluateFixtures {

  static final String SCHEMA =
      "row_id STRING, patient_id STRING, split STRING, label INT, sex STRING, age INT, age_band STRING,"
          + " race STRING, ethnicity STRING";

  private static Path evaluated;

  private EvaluateFixtures() {}

  /**
   * The fixtures evaluated once per test JVM by {@link EvaluateJob#run} with {@link #args}; returns the
   * temporary root holding predictions/, examples/ and evaluation/ (deleted when the JVM exits).
   */
  static synchronized Path evaluated() throws IOException {
    if (evaluated == null) {
      Path root = Files.createTempDirectory("evaluate-fixtures");
      String[] inputs = materialize(root);
      int code = EvaluateJob.run(args(inputs, root.resolve("evaluation")));
      if (code != 0) {
        throw new IllegalStateException("the evaluation of the fixtures exited with " + code);
      }
      root.toFile().deleteOnExit();
      evaluated = root;
    }
    return evaluated;
  }

  static JsonNode evaluationJson() throws IOException {
    return EvaluationJson.MAPPER.readTree(evaluated().resolve("evaluation/evaluation.json").toFile());
  }

  static Path resource(String name) {
    try {
      return Paths.get(EvaluateFixtures.class.getResource("/evaluate/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode expected() {
    try {
      return EvaluationJson.MAPPER.readTree(resource("expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the fixture layout under {@code root}; returns {predictions, examples}. */
  static String[] materialize(Path root) throws IOException {
    Path predictions = root.resolve("predictions");
    for (String m : List.of("model", "baseline")) {
      Files.createDirectories(predictions.resolve(m));
      Files.copy(resource(m + ".out"), predictions.resolve(m).resolve("test.csv.out"));
    }
    Path examples = root.resolve("examples");
    SparkTestSession.get()
        .read()
        .schema(SCHEMA)
        .option("header", "true")
        .csv(resource("examples.csv").toString())
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(examples.toString());
    return new String[] {predictions.toString(), examples.toString()};
  }

  /** The options the parity tests use: the thresholds make_fixtures.py evaluated. */
  static String[] args(String[] inputs, Path output, String... extra) {
    String[] base = {
      "--predictions", inputs[0],
      "--examples", inputs[1],
      "--output", output.toString(),
      "--thresholds", "0.2,0.5",
      "--net-benefit", "0.1:0.5:0.1",
      "--replicates", "50",
      "--partitions", "5",
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }
}
