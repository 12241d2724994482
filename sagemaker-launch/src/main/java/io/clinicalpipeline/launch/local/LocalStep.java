package io.clinicalpipeline.launch.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One step as the local engine runs it. The engine decides whether it must run (its cache key), gives it
 * a private staging root to write into, and commits its outputs only after it succeeds (a step with a
 * {@link #report()} also after it fails).
 */
public interface LocalStep {

  String name();

  /** Steps that must have succeeded first (their cache keys feed this step's key). */
  List<String> dependsOn();

  /** Files or folders read, absolute; their content digests (manifest digests when present) feed the key. */
  List<Path> inputs();

  /** Folders written, relative to the run's output root; committed together after success. */
  List<String> outputs();

  /**
   * The report that explains this step's outcome, relative to the output root, for steps whose outputs
   * are reports (quality gates). Such a step's outputs are published also when it fails, since the report
   * is most needed then; a failed step is never a cache hit, so its next run repeats it.
   */
  default Optional<String> report() {
    return Optional.empty();
  }

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
