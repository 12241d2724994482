package io.clinicalpipeline.jobs.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CalibratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Raw scores sigmoid(N(0, 1.5)) and labels drawn with probability {@code truth(raw)}. */
  private record Sample(double[] raw, double[] labels) {
    static Sample draw(int n, long seed, DoubleUnaryOperator truth) {
      Random r = new Random(seed);
      double[] raw = new double[n];
      double[] labels = new double[n];
      for (int i = 0; i < n; i++) {
        raw[i] = Logistic.sigmoid(1.5 * r.nextGaussian());
        labels[i] = r.nextDouble() < truth.applyAsDouble(raw[i]) ? 1 : 0;
      }
      return new Sample(raw, labels);
    }
  }

  @Test
  void platt_recoversTheParametersTheLabelsWereDrawnWith() {
    Sample s = Sample.draw(40_000, 1, raw -> Logistic.sigmoid(-0.7 + 0.6 * Logistic.logit(raw)));

    PlattScaling p = PlattScaling.fit(s.raw(), s.labels());

    assertThat(p.intercept()).isCloseTo(-0.7, within(0.05));
    assertThat(p.slope()).isCloseTo(0.6, within(0.05));
  }

  @Test
  void platt_oneClassOnly_isTheIdentity() {
    PlattScaling p = PlattScaling.fit(new double[] {0.2, 0.4, 0.9}, new double[] {1, 1, 1});

    assertThat(p).isEqualTo(PlattScaling.IDENTITY);
    assertThat(p.apply(0.3)).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void isotonic_isMonotoneAndLowersTheLogLossOfAMiscalibratedModelOnNewData() {
    // Overconfident and shifted: the true probability is raw cubed.
    DoubleUnaryOperator truth = raw -> raw * raw * raw;
    Sample fit = Sample.draw(5_000, 2, truth);
    Sample fresh = Sample.draw(5_000, 3, truth);

    IsotonicCalibration iso = IsotonicCalibration.fit(fit.raw(), fit.labels());

    for (int i = 1; i < iso.values().length; i++) {
      assertThat(iso.thresholds()[i]).isGreaterThan(iso.thresholds()[i - 1]);
      assertThat(iso.values()[i]).isGreaterThanOrEqualTo(iso.values()[i - 1]);
    }
    double previous = -1;
    for (double x = 0; x <= 1; x += 0.001) {
      double p = iso.apply(x);
      assertThat(p).isGreaterThanOrEqualTo(previous).isBetween(IsotonicCalibration.FLOOR, 1 - IsotonicCalibration.FLOOR);
      previous = p;
    }
    double raw = Logistic.logLoss(fresh.raw(), fresh.labels());
    double calibrated = Logistic.logLoss(iso.apply(fresh.raw()), fresh.labels());
    assertThat(calibrated).isLessThan(raw - 0.05);
  }

  @Test
  void isotonic_tiedScores_doNotDependOnRowOrder() {
    double[] raw = {0.3, 0.3, 0.3, 0.6, 0.6, 0.1};
    double[] labels = {1, 0, 0, 1, 0, 0};
    double[] rawSwapped = {0.3, 0.3, 0.3, 0.6, 0.6, 0.1};
    double[] labelsSwapped = {0, 0, 1, 0, 1, 0};

    IsotonicCalibration a = IsotonicCalibration.fit(raw, labels);
    IsotonicCalibration b = IsotonicCalibration.fit(rawSwapped, labelsSwapped);

    assertThat(a.thresholds()).containsExactly(b.thresholds());
    assertThat(a.values()).containsExactly(b.values());
    // The tied rows at 0.3 are pooled into one point at their mean label.
    assertThat(a.apply(0.3)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(a.apply(0.6)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void choice_logisticTruth_keepsPlatt() {
    Sample s = Sample.draw(600, 4, raw -> Logistic.sigmoid(0.5 + 0.4 * Logistic.logit(raw)));

    CalibratorChoice c = CalibratorChoice.fit(s.raw(), s.labels());

    assertThat(c.plattLogLoss()).isLessThan(c.isotonicLogLoss());
    assertThat(c.chosen()).isInstanceOf(PlattScaling.class);
    assertThat(c.plattLogLoss()).isLessThan(c.rawLogLoss());
  }

  @Test
  void choice_stepTruth_keepsIsotonic() {
    // Not a logistic curve of the logit: flat, a jump at 0.5, flat.
    Sample s = Sample.draw(3_000, 5, raw -> raw < 0.5 ? 0.05 : 0.9);

    CalibratorChoice c = CalibratorChoice.fit(s.raw(), s.labels());

    assertThat(c.isotonicLogLoss()).isLessThan(c.plattLogLoss());
    assertThat(c.chosen()).isInstanceOf(IsotonicCalibration.class);
    assertThat(c.chosen().apply(0.2)).isCloseTo(0.05, within(0.03));
    assertThat(c.chosen().apply(0.8)).isCloseTo(0.9, within(0.03));
  }

  @Test
  void file_readsBackToTheSameMap() throws Exception {
    Sample s = Sample.draw(2_000, 6, raw -> raw * raw);
    for (Calibrator c :
        new Calibrator[] {PlattScaling.fit(s.raw(), s.labels()), IsotonicCalibration.fit(s.raw(), s.labels())}) {
      JsonNode file = JSON.readTree(JSON.writeValueAsString(c.parameters()));

      Calibrator read = Calibrator.read(file);

      assertThat(read.kind()).isEqualTo(c.kind());
      for (double x = 0.01; x < 1; x += 0.01) {
        assertThat(read.apply(x)).isEqualTo(c.apply(x));
      }
    }
  }
}
