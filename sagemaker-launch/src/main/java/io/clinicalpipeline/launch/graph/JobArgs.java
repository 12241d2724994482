package io.clinicalpipeline.launch.graph;

import java.util.List;

/**
 * The typed options of one job main, mirroring its {@code XOptions} record on the launcher side (the
 * launcher compiles without the jobs). {@link #toArgs()} renders them exactly as the job parses them.
 */
public interface JobArgs {

  /** The job's main class; its {@code public static int run(String[])} takes {@link #toArgs()}. */
  String mainClass();

  List<String> toArgs();
}
