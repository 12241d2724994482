package io.clinicalpipeline.jobs.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hand-off both training paths share: the SageMaker TrainingStep (built-in XGBoost on a GPU instance)
 * and the local {@link TrainJob}. Everything here is a name or a file a reader on either side can rely on;
 * jobs/TRAIN.md describes it for people.
 *
 * <ul>
 *   <li>Channels: {@value #TRAIN} and {@value #VALIDATION}, content type {@value #CSV}: one example per
 *       line, the label (0 or 1) first, then the features, no header (SageMaker XGBoost's CSV format).
 *       The features job writes them to {@code OUT/features/train/} and {@code OUT/features/validation/}.
 *   <li>Hyperparameters: one file, {@link #HYPERPARAMETERS_RESOURCE}, with the names SageMaker's XGBoost
 *       uses; values are strings as in SageMaker's {@code hyperparameters.json}.
 *   <li>Model: {@code model/}{@value #MODEL_FILE} (XGBoost UBJSON, attributes {@code best_iteration} and
 *       {@code best_score} when a validation channel was given) and {@code model/calibrator.json}
 *       (see {@link io.clinicalpipeline.jobs.calibration.Calibrator}).
 *   <li>Predictions: the batch transform of {@code OUT/features/transform/test/} (lines
 *       {@code row_id,f1..fn}) with InputFilter {@code $[1:]}, JoinSource Input and OutputFilter
 *       {@code $[0,-1]}: lines {@code row_id,score} in input order (the model's with a third column,
 *       {@code raw_score}, and {@code score} calibrated), in
 *       {@code OUT/predictions/<model>/}{@value #PREDICTIONS_FILE}.
 * </ul>
 */
public final class TrainingContract {

  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  public static final String TEST = "test";
  /** The channels the XGBoost training step reads, in order. */
  public static final List<String> CHANNELS = List.of(TRAIN, VALIDATION);

  public static final String CSV = "text/csv";
  public static final String PARQUET = "application/x-parquet";

  /** Paths inside a training root (SageMaker's {@code /opt/ml}). */
  public static final String HYPERPARAMETERS_JSON = "input/config/hyperparameters.json";
  public static final String INPUT_DATA_CONFIG_JSON = "input/config/inputdataconfig.json";
  public static final String INPUT_DATA = "input/data";
  public static final String MODEL_DIR = "model";
  public static final String CHECKPOINTS_DIR = "checkpoints";
  public static final String FAILURE_FILE = "output/failure";
  public static final String OUTPUT_DATA = "output/data";

  /** The model file SageMaker's XGBoost container writes into {@code /opt/ml/model}. */
  public static final String MODEL_FILE = "xgboost-model";
  /** The baseline's model file: intercept, coefficients, the age used when missing, sex categories. */
  public static final String BASELINE_MODEL_FILE = "baseline-model.json";
  /** Checkpoint files, {@code xgboost-checkpoint.<iteration>}, as SageMaker's XGBoost container names them. */
  public static final String CHECKPOINT_PREFIX = "xgboost-checkpoint.";

  /** Folders of the features job's output that training reads. */
  public static final String TRANSFORM_TEST = "transform/test";
  public static final String EXAMPLES = "examples";

  /** Names of the two models, as folders under the train output and under the predictions. */
  public static final String MODEL = "model";
  public static final String BASELINE = "baseline";
  /** A batch transform names its output after the input file plus {@code .out}. */
  public static final String PREDICTIONS_FILE = "test.csv.out";

  public static final String HYPERPARAMETERS_RESOURCE = "/io/clinicalpipeline/jobs/train/hyperparameters.json";
  public static final String BASELINE_HYPERPARAMETERS_RESOURCE =
      "/io/clinicalpipeline/jobs/train/baseline-hyperparameters.json";

  private TrainingContract() {}

  /** The shipped XGBoost hyperparameters file, as text (the cloud step uploads the same values). */
  public static String defaultHyperparameters() {
    return resource(HYPERPARAMETERS_RESOURCE);
  }

  /** The shipped baseline settings, as text. */
  public static String defaultBaselineHyperparameters() {
    return resource(BASELINE_HYPERPARAMETERS_RESOURCE);
  }

  private static String resource(String name) {
    try (InputStream in = TrainingContract.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
