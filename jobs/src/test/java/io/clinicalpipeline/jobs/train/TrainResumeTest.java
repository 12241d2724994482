package io.clinicalpipeline.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.ChildJvm;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run in its own JVM is killed (SIGKILL, as a spot interruption ends a container) once it has
 * saved a checkpoint; the same command then resumes from that checkpoint instead of round 0, and ends with
 * the model an uninterrupted run makes, byte for byte (row subsampling on, so this also shows that the
 * sampling after the resume point is the same).
 */
class TrainResumeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 400;
  private static final int INTERVAL = 10;
  /** Kill once the first checkpoint exists: the child then still has most of its rounds ahead. */
  private static final int KILL_AFTER = 9;

  @TempDir Path tmp;

  @Test
  void train_killedMidway_resumesFromLastCheckpointAndMatchesUninterruptedRun() throws Exception {
    TrainFixtures.Written data =
        TrainFixtures.write(SparkTestSession.get(), tmp.resolve("features"), 1000, 300, 100, 31, false);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("objective", "binary:logistic");
    values.put("eval_metric", "auc");
    values.put("num_round", String.valueOf(ROUNDS));
    values.put("max_depth", "3");
    values.put("eta", "0.02");
    values.put("subsample", "0.7");
    values.put("seed", "3");
    Path hp = TrainFixtures.hyperparameters(tmp, values);
    String[] killedArgs = args(data.dir(), tmp.resolve("killed"), hp);
    Path checkpoints = tmp.resolve("killed/train/model/checkpoints");

    Path log = tmp.resolve("child.log");
    ChildJvm jvm = ChildJvm.builder(TrainJob.class).heap("-Xmx1g").args(killedArgs).log(log).start();
    Process child = jvm.process();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      Optional<Checkpoints.Saved> latest = new Checkpoints(checkpoints).latest();
      if (latest.isPresent() && latest.get().iteration() >= KILL_AFTER) {
        child.destroyForcibly();
        break;
      }
      if (!child.isAlive()) {
        fail("the training JVM ended (exit " + child.exitValue() + ") before it could be killed:\n" + jvm.tail());
      }
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        fail("no checkpoint within 5 minutes:\n" + jvm.tail());
      }
      Thread.sleep(10);
    }
    assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
    int saved = new Checkpoints(checkpoints).latest().orElseThrow().iteration();
    assertThat(saved).as("killed mid-training").isBetween(KILL_AFTER, ROUNDS - 2);
    assertThat(tmp.resolve("killed/train/model/model/xgboost-model")).doesNotExist();

    assertThat(TrainJob.run(killedArgs)).isZero();

    JsonNode summary = JSON.readTree(tmp.resolve("killed/train/model/output/data/training-summary.json").toFile());
    assertThat(summary.path("resumed").asBoolean()).isTrue();
    assertThat(summary.path("first_iteration").asInt()).isEqualTo(saved + 1);
    assertThat(summary.path("rounds").asInt()).isEqualTo(ROUNDS);

    assertThat(TrainJob.run(args(data.dir(), tmp.resolve("straight"), hp))).isZero();
    JsonNode straight =
        JSON.readTree(tmp.resolve("straight/train/model/output/data/training-summary.json").toFile());
    assertThat(straight.path("first_iteration").asInt()).isZero();
    assertThat(tmp.resolve("killed/train/model/model/xgboost-model"))
        .as("the resumed run ends with the uninterrupted run's model")
        .hasSameBinaryContentAs(tmp.resolve("straight/train/model/model/xgboost-model"));
    assertThat(tmp.resolve("killed/predictions/model/test.csv.out"))
        .hasSameTextualContentAs(tmp.resolve("straight/predictions/model/test.csv.out"));
  }

  private static String[] args(Path features, Path out, Path hp) {
    return new String[] {
      "--channels", features.toString(),
      "--output", out.resolve("train").toString(),
      "--hyperparameters", hp.toString(),
      "--checkpoint-interval", String.valueOf(INTERVAL)
    };
  }
}
