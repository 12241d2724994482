package io.clinicalpipeline.jobs.train;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.JobRunner.JobException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The comparison model: logistic regression on age and sex (Spark MLlib). Age missing in an example takes
 * the training mean; sex is one-hot over the categories seen in training (alphabetical, the last one the
 * reference), with unseen or missing sex as its own category.
 */
public final class Baseline {

  /** Settings from {@code baseline-hyperparameters.json}. */
  record Params(int maxIter, double regParam, double tol) {

    static Params parse(String json) {
      try {
        JsonNode n = new ObjectMapper().readTree(json);
        String features = n.path("features").asText("age,sex").replace(" ", "");
        if (!features.equals("age,sex")) {
          throw new JobException("baseline features must be age,sex: " + features);
        }
        return new Params(
            Integer.parseInt(n.path("max_iter").asText("100")),
            Double.parseDouble(n.path("reg_param").asText("0.0")),
            Double.parseDouble(n.path("tol").asText("1e-6")));
      } catch (IOException | NumberFormatException e) {
        throw new JobException("baseline hyperparameters are not valid: " + e.getClass().getSimpleName());
      }
    }
  }

  private Baseline() {}

  /**
   * The baseline's scores of the examples' test split (row_id, score), fitted on their train split with
   * the shipped settings: the evaluate job's way to a baseline when no trainer scored one (SageMaker's
   * training step is the built-in XGBoost only). The train rows go in row_id order in one partition, so
   * the same examples give the same model.
   */
  public static Dataset<Row> scoreTestSplit(Dataset<Row> examples) {
    Params p = Params.parse(TrainingContract.defaultBaselineHyperparameters());
    Dataset<Row> frame = TrainTransform.baselineFrame(examples);
    Dataset<Row> train =
        frame.filter(col("split").equalTo(TrainingContract.TRAIN)).drop("split")
            .orderBy(TrainTransform.ROW_ID).coalesce(1).cache();
    requireFittable(train);
    PipelineModel model = fit(train, p);
    Dataset<Row> scores = score(model, frame.filter(col("split").equalTo(TrainingContract.TEST)));
    train.unpersist();
    return scores;
  }

  /** Refuses train rows the baseline cannot be fitted on; returns their count. */
  static long requireFittable(Dataset<Row> train) {
    Row c =
        train
            .selectExpr(
                "count(1) AS rows",
                "coalesce(sum(CASE WHEN label IN (0.0, 1.0) THEN 0 ELSE 1 END), 0) AS bad_labels",
                "count(age) AS with_age",
                "count(DISTINCT label) AS classes")
            .first();
    long rows = c.getLong(0);
    if (rows == 0) {
      throw new JobException("the examples table has no rows with split = train");
    }
    if (c.getLong(1) > 0) {
      throw new JobException("examples: " + c.getLong(1) + " train rows have a label other than 0 or 1");
    }
    if (c.getLong(2) == 0) {
      throw new JobException("examples: no train row has an age; the baseline needs some");
    }
    if (c.getLong(3) < 2) {
      throw new JobException("examples: the train rows hold one class only; the baseline needs both");
    }
    return rows;
  }

  static PipelineModel fit(Dataset<Row> train, Params p) {
    Imputer imputer = new Imputer();
    imputer.setInputCols(new String[] {"age"});
    imputer.setOutputCols(new String[] {"age_filled"});
    imputer.setStrategy("mean");
    StringIndexer indexer = new StringIndexer();
    indexer.setInputCol("sex");
    indexer.setOutputCol("sex_index");
    indexer.setStringOrderType("alphabetAsc");
    indexer.setHandleInvalid("keep");
    OneHotEncoder encoder = new OneHotEncoder();
    encoder.setInputCols(new String[] {"sex_index"});
    encoder.setOutputCols(new String[] {"sex_vec"});
    encoder.setHandleInvalid("keep");
    VectorAssembler assembler = new VectorAssembler();
    assembler.setInputCols(new String[] {"age_filled", "sex_vec"});
    assembler.setOutputCol("baseline_features");
    LogisticRegression lr = new LogisticRegression();
    lr.setFeaturesCol("baseline_features");
    lr.setLabelCol(TrainTransform.LABEL);
    lr.setFamily("binomial");
    lr.setMaxIter(p.maxIter());
    lr.setRegParam(p.regParam());
    lr.setTol(p.tol());
    Pipeline pipeline = new Pipeline();
    pipeline.setStages(new PipelineStage[] {imputer, indexer, encoder, assembler, lr});
    return pipeline.fit(train);
  }

  /** row_id and score (the probability of label 1). */
  static Dataset<Row> score(PipelineModel model, Dataset<Row> frame) {
    return model
        .transform(frame)
        .select(frame.col(TrainTransform.ROW_ID), TrainTransform.positiveProbability("probability"));
  }

  /**
   * The fitted model as plain numbers, enough to score by hand: intercept, coefficients by name
   * ({@code age}, {@code sex=<category>}), the age that stands in for a missing one and the sex categories.
   */
  static Map<String, Object> describe(PipelineModel model) {
    ImputerModel imputer = (ImputerModel) model.stages()[0];
    StringIndexerModel indexer = (StringIndexerModel) model.stages()[1];
    LogisticRegressionModel lr = (LogisticRegressionModel) model.stages()[4];
    Vector c = lr.coefficients();
    Map<String, Double> coefficients = new LinkedHashMap<>();
    coefficients.put("age", c.apply(0));
    String[] labels = indexer.labelsArray()[0];
    // One-hot with handleInvalid=keep: one slot per category plus one for unseen, the last slot dropped.
    for (int i = 1; i < c.size(); i++) {
      coefficients.put("sex=" + (i - 1 < labels.length ? labels[i - 1] : "unseen"), c.apply(i));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", "logistic-regression");
    out.put("intercept", lr.intercept());
    out.put("coefficients", coefficients);
    out.put("age_for_missing", imputer.surrogateDF().first().getDouble(0));
    out.put("sex_categories", List.of(labels));
    out.put("iterations", lr.summary().totalIterations());
    return out;
  }
}
