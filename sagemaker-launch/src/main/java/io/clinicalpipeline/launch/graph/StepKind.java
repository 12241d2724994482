package io.clinicalpipeline.launch.graph;

/** What a step is, which decides how each rendering runs it. */
public enum StepKind {
  /** A Spark job from the jobs jar: a ProcessingStep on SageMaker, an in-process call locally. */
  JOB,
  /** Model training: built-in XGBoost on a GPU TrainingStep plus a batch transform of the test channel on
   * SageMaker; the local trainer ({@link TrainArgs}) locally. */
  TRAIN,
  /** The gate: evaluation AUC at least the minimum and no Error-level quality failure. */
  CONDITION,
  /** Model registration: RegisterModel on SageMaker, a registry folder locally. */
  REGISTER
}
