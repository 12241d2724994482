package io.clinicalpipeline.jobs.evaluate;

/**
 * The model's and the baseline's metrics on the same test rows, and what was asked for. {@code raw} is the
 * model's before calibration (its predictions' {@code raw_score} column), null when they have none.
 */
record Evaluation(ModelMetrics model, ModelMetrics baseline, ModelMetrics raw, MetricSettings settings) {

  double deltaAuroc() {
    return model.overall().auroc() - baseline.overall().auroc();
  }

  /** Paired replicates: both models' AUROC under the same row weights. */
  double[] deltaAurocReplicates() {
    double[] m = model.bootstrap().auroc();
    double[] b = baseline.bootstrap().auroc();
    double[] d = new double[Math.min(m.length, b.length)];
    for (int k = 0; k < d.length; k++) {
      d[k] = m[k] - b[k];
    }
    return d;
  }
}
