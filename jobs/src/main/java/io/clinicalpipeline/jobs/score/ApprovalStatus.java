package io.clinicalpipeline.jobs.score;

import java.util.Arrays;
import java.util.List;

/** A registered version's approval, in SageMaker's {@code ModelApprovalStatus} vocabulary. */
public enum ApprovalStatus {
  PENDING_MANUAL_APPROVAL("PendingManualApproval"),
  APPROVED("Approved"),
  REJECTED("Rejected");

  private final String label;

  ApprovalStatus(String label) {
    this.label = label;
  }

  /** The SageMaker spelling, as stored in {@code version.json}. */
  public String label() {
    return label;
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(ApprovalStatus::label).toList();
  }

  /** The status spelled {@code label}, or an exception naming the accepted spellings. */
  public static ApprovalStatus of(String label) {
    for (ApprovalStatus s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("not one of " + labels());
  }
}
