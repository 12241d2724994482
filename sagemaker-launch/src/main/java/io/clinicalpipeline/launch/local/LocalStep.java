package io.clinicalpipeline.launch.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One step as the local engine runs it. The engine decides whether it must run (its cache key), gives it
 * a private staging root to write into, and commits its outputs only after it succeeds.
 */
public interface LocalStep {

  String name();

  /** Steps that must have succeeded first (their cache keys feed this step's key). */
  List<String> dependsOn();

  /** Files or folders read, absolute; their content digests (manifest digests when present) feed the key. */
  List<Path> inputs();

  /** Folders written, relative to the run's output root; committed together after success. */
  List<String> outputs();

  /** A canonical text of everything that configures the step (its arguments, with paths made relative). */
  String configuration();

  /**
   * Runs the step. {@code staging} mirrors the output root: write output {@code o} to
   * {@code staging.resolve(o)}; inputs are read from where {@link #inputs()} says.
   *
   * @return rows written, or -1 when the step does not count rows (the engine then reads manifests)
   */
  long execute(Path staging) throws Exception;
}
