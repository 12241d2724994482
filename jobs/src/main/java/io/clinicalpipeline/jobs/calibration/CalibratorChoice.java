package io.clinicalpipeline.jobs.calibration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits both calibrators on the validation split and keeps the one with the lower validation log loss.
 * The log loss is cross-fitted ({@value #FOLDS} folds, row i in fold i mod {@value #FOLDS}, in the
 * channel's file order): each fold is scored by calibrators fitted on the other folds. Scored in-sample,
 * isotonic regression would always win, since it minimises the log loss over every non-decreasing map,
 * Platt's included. The kept calibrator is then fitted on the whole validation split.
 *
 * @param chosen the calibrator fitted on every validation row
 * @param plattLogLoss cross-fitted validation log loss of Platt scaling
 * @param isotonicLogLoss cross-fitted validation log loss of isotonic regression
 * @param rawLogLoss validation log loss of the raw scores
 * @param rows validation rows
 */
public record CalibratorChoice(
    Calibrator chosen, double plattLogLoss, double isotonicLogLoss, double rawLogLoss, int rows) {

  /** Folds of the cross-fitted log loss. */
  public static final int FOLDS = 5;

  /** Fits on {@code raw} scores in [0, 1] and 0/1 {@code labels}; needs at least {@value #FOLDS} rows. */
  public static CalibratorChoice fit(double[] raw, double[] labels) {
    int n = raw.length;
    if (n < FOLDS) {
      throw new IllegalArgumentException(
          "calibration needs at least " + FOLDS + " validation rows, got " + n);
    }
    double[] platt = new double[n];
    double[] isotonic = new double[n];
    for (int f = 0; f < FOLDS; f++) {
      int inFold = (n - f + FOLDS - 1) / FOLDS;
      double[] fitRaw = new double[n - inFold];
      double[] fitLabels = new double[n - inFold];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (i % FOLDS != f) {
          fitRaw[k] = raw[i];
          fitLabels[k++] = labels[i];
        }
      }
      PlattScaling p = PlattScaling.fit(fitRaw, fitLabels);
      IsotonicCalibration iso = IsotonicCalibration.fit(fitRaw, fitLabels);
      for (int i = f; i < n; i += FOLDS) {
        platt[i] = p.apply(raw[i]);
        isotonic[i] = iso.apply(raw[i]);
      }
    }
    double plattLoss = Logistic.logLoss(platt, labels);
    double isotonicLoss = Logistic.logLoss(isotonic, labels);
    // Ties go to Platt: two parameters rather than a step function.
    Calibrator chosen =
        isotonicLoss < plattLoss ? IsotonicCalibration.fit(raw, labels) : PlattScaling.fit(raw, labels);
    return new CalibratorChoice(chosen, plattLoss, isotonicLoss, Logistic.logLoss(raw, labels), n);
  }

  /** The content of {@value Calibrator#FILE}: the calibrator's parameters, then how it was chosen. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>(chosen.parameters());
    Map<String, Object> fit = new LinkedHashMap<>();
    fit.put("split", "validation");
    fit.put("rows", rows);
    fit.put("folds", FOLDS);
    fit.put("platt_log_loss", plattLogLoss);
    fit.put("isotonic_log_loss", isotonicLogLoss);
    fit.put("raw_log_loss", rawLogLoss);
    fit.put("rule", "lower cross-fitted validation log loss; ties to platt; refitted on all validation rows");
    m.put("fit", fit);
    return m;
  }
}
