package io.clinicalpipeline.jobs.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints of one training root: {@code checkpoints/xgboost-checkpoint.<iteration>}, where
 * {@code iteration} is the 0-based index of the last round the saved model holds (SageMaker's XGBoost
 * container uses the same names, so its checkpoints and ours read alike). Each file is written under a
 * temporary name and renamed, so a run killed while saving leaves the previous checkpoint intact.
 */
final class Checkpoints {

  /** How many of the newest checkpoints are kept. */
  static final int KEEP = 5;

  private static final String TEMP_SUFFIX = ".sagemaker-ignore";

  private final Path dir;

  Checkpoints(Path dir) {
    this.dir = dir;
  }

  /** A saved model and the iteration it ends with. */
  record Saved(int iteration, Path file) {}

  /** Checkpoints present, newest first. */
  List<Saved> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Saved> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            String name = f.getFileName().toString();
            if (name.startsWith(TrainingContract.CHECKPOINT_PREFIX)) {
              String n = name.substring(TrainingContract.CHECKPOINT_PREFIX.length());
              if (n.matches("\\d{1,9}")) {
                out.add(new Saved(Integer.parseInt(n), f));
              }
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingInt(Saved::iteration).reversed());
    return out;
  }

  Optional<Saved> latest() {
    return list().stream().findFirst();
  }

  /** Writes {@code model} as the checkpoint of {@code iteration} and drops all but the newest {@link #KEEP}. */
  void save(int iteration, byte[] model) {
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(TrainingContract.CHECKPOINT_PREFIX + iteration);
      Path temp = dir.resolve(target.getFileName() + TEMP_SUFFIX);
      Files.write(temp, model);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      List<Saved> all = list();
      for (int i = KEEP; i < all.size(); i++) {
        Files.deleteIfExists(all.get(i).file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint " + iteration + ": " + e.getMessage(), e);
    }
  }

  /** Removes every checkpoint (they belong to another configuration or other data). */
  void clear() {
    try {
      for (Saved s : list()) {
        Files.deleteIfExists(s.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove checkpoints: " + e.getMessage(), e);
    }
  }
}
