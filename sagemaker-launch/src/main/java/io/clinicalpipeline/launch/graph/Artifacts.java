package io.clinicalpipeline.launch.graph;

import java.util.Map;

/**
 * The artifacts that flow between steps and the folder each occupies under a run's output root (the
 * layout of the job contracts: {@code OUT/raw}, {@code OUT/quality/raw}, ...). {@link #SOURCE} is the
 * pipeline's input, outside the output root.
 */
public final class Artifacts {
  public static final String SOURCE = "source";
  public static final String RAW = "raw";
  public static final String QUALITY_RAW = "quality-raw";
  public static final String DEID = "deid";
  public static final String QUALITY_DEID = "quality-deid";
  public static final String FEATURES = "features";
  public static final String QUALITY_FEATURES = "quality-features";
  public static final String MODEL = "model";
  public static final String PREDICTIONS = "predictions";
  public static final String EVALUATION = "evaluation";
  public static final String REGISTRY = "registry";

  private static final Map<String, String> FOLDERS =
      Map.ofEntries(
          Map.entry(RAW, "raw"),
          Map.entry(QUALITY_RAW, "quality/raw"),
          Map.entry(DEID, "deid"),
          Map.entry(QUALITY_DEID, "quality/deid"),
          Map.entry(FEATURES, "features"),
          Map.entry(QUALITY_FEATURES, "quality/features"),
          Map.entry(MODEL, "train"),
          Map.entry(PREDICTIONS, "predictions"),
          Map.entry(EVALUATION, "evaluation"),
          Map.entry(REGISTRY, "registry"));

  /** Where quality history accumulates locally, beside the outputs (not a step output: it only grows). */
  public static final String QUALITY_HISTORY_FOLDER = "quality-history";

  private Artifacts() {}

  /** The folder of {@code artifact} relative to the output root. */
  public static String folder(String artifact) {
    String f = FOLDERS.get(artifact);
    if (f == null) {
      throw new IllegalArgumentException("unknown artifact " + artifact);
    }
    return f;
  }
}
