package io.clinicalpipeline.launch.local;

/**
 * Thrown by a condition step whose condition does not hold: not a failure. The engine records the step as
 * {@link StepResult.Status#DECLINED}, skips the steps after it and the run still succeeds. The message is
 * the reason, without data values.
 */
public final class ConditionNotMet extends Exception {

  private static final long serialVersionUID = 1L;

  public ConditionNotMet(String reason) {
    super(reason);
  }
}
