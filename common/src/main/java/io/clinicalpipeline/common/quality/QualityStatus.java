package io.clinicalpipeline.common.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The verdict a quality report states in its {@code status} field, in the words it writes. The one
 * vocabulary of the quality job (which writes it), the SageMaker definition's model gate and the local
 * gate (which test it): a model is registered only when the feature report's status {@link #passesGate()}.
 */
public enum QualityStatus {
  /** Every check passed (or had nothing to judge). */
  PASSED("passed"),
  /** Only warning-level checks failed: the data are usable. */
  PASSED_WITH_WARNINGS("passed-with-warnings"),
  /** At least one error-level check failed: the data are not fit for use. */
  FAILED("failed");

  private final String label;

  QualityStatus(String label) {
    this.label = label;
  }

  /** The word in report.json. */
  public String label() {
    return label;
  }

  /** Whether a report with this status lets the model through the gate. */
  public boolean passesGate() {
    return this != FAILED;
  }

  /** The labels that pass the gate, in declaration order (the condition's {@code In} values). */
  public static List<String> gateLabels() {
    return Arrays.stream(values()).filter(QualityStatus::passesGate).map(QualityStatus::label).toList();
  }

  /** The status written as {@code label}, or empty for a word that is not one. */
  public static Optional<QualityStatus> fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
  }

  /** Picks the verdict from the counts of failed error-level and warning-level checks. */
  public static QualityStatus of(int failedErrors, int failedWarnings) {
    return failedErrors > 0 ? FAILED : failedWarnings > 0 ? PASSED_WITH_WARNINGS : PASSED;
  }
}
