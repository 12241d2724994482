package io.clinicalpipeline.jobs.train;

import io.clinicalpipeline.common.JobRunner.JobException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boosts round by round with XGBoost's booster API, the way SageMaker's XGBoost container does in one
 * instance: a checkpoint every {@code interval} rounds, resumption from the newest checkpoint, and early
 * stopping on the validation channel's last eval metric. Early-stopping state (best iteration and score)
 * travels inside each checkpoint as booster attributes, and every run goes on from the bytes of its last
 * checkpoint, so a killed-and-resumed run ends with the same model, byte for byte, as an uninterrupted
 * one.
 */
final class XGBoostTrainer {

  static final String ATTR_BEST_ITERATION = "best_iteration";
  static final String ATTR_BEST_SCORE = "best_score";
  /** Digest of the hyperparameters and data shape a checkpoint was made with. */
  static final String ATTR_FINGERPRINT = "clinical_pipeline_fingerprint";

  private static final Logger LOG = LoggerFactory.getLogger(XGBoostTrainer.class);

  /**
   * What training produced.
   *
   * @param model the booster, UBJSON, with the attributes above
   * @param rounds trees in the model
   * @param firstIteration the iteration this run started at (above 0 when it resumed)
   * @param bestIteration the iteration with the best validation score (the last one without validation)
   * @param bestScore that score, or NaN without validation
   * @param stoppedEarly whether validation stopped training before num_round
   */
  record Result(
      byte[] model,
      int rounds,
      int firstIteration,
      int bestIteration,
      double bestScore,
      boolean stoppedEarly,
      List<Double> validationScores) {}

  private final Hyperparameters hp;
  private final int nthread;
  private final Checkpoints checkpoints;
  private final int interval;

  XGBoostTrainer(Hyperparameters hp, int nthread, Checkpoints checkpoints, int interval) {
    this.hp = hp;
    this.nthread = nthread;
    this.checkpoints = checkpoints;
    this.interval = interval;
  }

  /** Trains on {@code train}; {@code validation} may be null (then no early stopping). */
  Result train(DMatrix train, DMatrix validation, String fingerprint) throws XGBoostError, IOException {
    int esr = hp.earlyStoppingRounds();
    if (esr > 0 && validation == null) {
      throw new JobException(
          "early_stopping_rounds is set but there is no validation channel (remove it or add validation data)");
    }
    Map<String, Object> params = hp.boosterParams(nthread);
    Booster booster = resume(params, fingerprint);
    int first = 0;
    int best = -1;
    double bestScore = Double.NaN;
    if (booster != null) {
      first = booster.getNumBoostedRound();
      best = Integer.parseInt(attr(booster, ATTR_BEST_ITERATION, String.valueOf(first - 1)));
      bestScore = Double.parseDouble(attr(booster, ATTR_BEST_SCORE, "NaN"));
      LOG.info("resuming from checkpoint: {} rounds done, continuing at iteration {}", first, first);
    } else {
      booster = XGBoost.train(train, params, 0, new HashMap<>(), null, null);
      setEvalMetrics(booster);
      booster.setAttr(ATTR_FINGERPRINT, fingerprint);
    }

    boolean maximize = hp.stoppingMetricMaximized();
    DMatrix[] evalSets = validation == null ? new DMatrix[] {train} : new DMatrix[] {train, validation};
    String[] evalNames = validation == null ? new String[] {"train"} : new String[] {"train", "validation"};
    List<Double> scores = new ArrayList<>();
    boolean stopped = esr > 0 && first > 0 && first - 1 - best >= esr;
    int it = first;
    for (; it < hp.numRound() && !stopped; it++) {
      booster.update(train, it);
      String line = booster.evalSet(evalSets, evalNames, it);
      if (validation != null) {
        double score = lastMetric(line);
        scores.add(score);
        if (best < 0 || Double.isNaN(bestScore) || (maximize ? score > bestScore : score < bestScore)) {
          best = it;
          bestScore = score;
        }
        stopped = esr > 0 && it - best >= esr;
      } else {
        best = it;
      }
      booster.setAttr(ATTR_BEST_ITERATION, String.valueOf(best));
      booster.setAttr(ATTR_BEST_SCORE, String.valueOf(bestScore));
      boolean last = stopped || it + 1 == hp.numRound();
      if ((it + 1) % interval == 0 || last) {
        byte[] saved = booster.toByteArray("ubj");
        checkpoints.save(it, saved);
        if (!last) {
          // Go on from the saved bytes, exactly as a resumed run would: XGBoost's row-sampling state is
          // not part of the model, so only a reload makes both runs draw the same samples from here on.
          booster.dispose();
          booster = load(saved, params);
        }
      }
      if (it % 10 == 0 || stopped || it + 1 == hp.numRound()) {
        LOG.info("{}", line.strip());
      }
    }
    if (stopped) {
      LOG.info("early stop: no improvement of validation {} in {} rounds; best iteration {}",
          hp.stoppingMetric(), esr, best);
    }
    booster.setAttr(ATTR_BEST_ITERATION, String.valueOf(best));
    booster.setAttr(ATTR_BEST_SCORE, String.valueOf(bestScore));
    byte[] model = booster.toByteArray("ubj");
    int rounds = booster.getNumBoostedRound();
    booster.dispose();
    return new Result(model, rounds, first, best, bestScore, stopped, scores);
  }

  /** The newest readable checkpoint, configured to train on; null to start afresh. */
  private Booster resume(Map<String, Object> params, String fingerprint) throws XGBoostError {
    for (Checkpoints.Saved saved : checkpoints.list()) {
      Booster b;
      try {
        b = load(Files.readAllBytes(saved.file()), params);
      } catch (IOException | XGBoostError e) {
        LOG.warn("checkpoint of iteration {} cannot be read ({}); trying an older one",
            saved.iteration(), e.getClass().getSimpleName());
        continue;
      }
      if (!fingerprint.equals(b.getAttr(ATTR_FINGERPRINT))) {
        LOG.info("checkpoints were made with other hyperparameters or data; starting from round 0");
        b.dispose();
        checkpoints.clear();
        return null;
      }
      return b;
    }
    return null;
  }

  /** A booster from saved bytes, configured to train on. */
  private Booster load(byte[] saved, Map<String, Object> params) throws XGBoostError, IOException {
    Booster b = XGBoost.loadModel(saved);
    b.setParams(params);
    setEvalMetrics(b);
    return b;
  }

  private void setEvalMetrics(Booster b) throws XGBoostError {
    for (String metric : hp.evalMetrics()) {
      b.setParam("eval_metric", metric);
    }
  }

  private static String attr(Booster b, String name, String fallback) throws XGBoostError {
    String v = b.getAttr(name);
    return v == null ? fallback : v;
  }

  /** The value of the last metric in an eval line such as {@code [3]\ttrain-auc:0.9\tvalidation-auc:0.8}. */
  static double lastMetric(String evalLine) {
    String[] parts = evalLine.strip().split("\t");
    String last = parts[parts.length - 1];
    return Double.parseDouble(last.substring(last.lastIndexOf(':') + 1));
  }
}
