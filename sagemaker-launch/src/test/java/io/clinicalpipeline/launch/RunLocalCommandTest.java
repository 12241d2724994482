package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLocalCommandTest {

  @TempDir Path tmp;

  @Test
  void noKey_isAUsageError() {
    assertThat(Main.run(new String[] {"run-local", "--input", tmp.toString(), "--output", tmp.resolve("out").toString()}))
        .isEqualTo(2);
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void s3Output_refused() {
    assertThat(Main.run(new String[] {"run-local", "--input", tmp.toString(), "--output", "s3a://bucket/out", "--demo-key"}))
        .isEqualTo(2);
  }

  @Test
  void help_listsTheSteps() {
    assertThat(new RunLocalCommand().help()).contains("ingest, quality-raw, deidentify", "--demo-key");
    assertThat(Main.run(new String[] {"--help"})).isZero();
  }
}
