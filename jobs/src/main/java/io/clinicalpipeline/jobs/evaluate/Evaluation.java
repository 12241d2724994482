package io.clinicalpipeline.jobs.evaluate;

/** The model's and the baseline's metrics on the same test rows, and what was asked for. */
record Evaluation(ModelMetrics model, ModelMetrics baseline, MetricSettings settings) {

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
