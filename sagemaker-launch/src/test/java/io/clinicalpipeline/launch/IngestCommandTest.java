package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

  @Test
  void commands_listIngest() {
    assertThat(Main.commands()).extracting(Command::name).contains("ingest");
  }

  @Test
  void run_missingInput_exitsTwoNamingThePath(@TempDir Path tmp) {
    SparkTestSession.get();
    String missing = tmp.resolve("missing").toString();
    int code = Main.run(new String[] {"ingest", "--input", missing, "--output", tmp.resolve("out").toString()});
    assertThat(code).isEqualTo(2);
  }

  @Test
  void run_withoutOptions_isAUsageError() {
    assertThat(Main.run(new String[] {"ingest"})).isEqualTo(2);
  }
}
