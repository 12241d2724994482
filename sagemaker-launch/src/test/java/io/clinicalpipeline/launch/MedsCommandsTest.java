package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedsCommandsTest {

  @Test
  void commands_listMedsExportAndValidate() {
    assertThat(Main.commands()).extracting(Command::name).contains("meds-export", "meds-validate");
    assertThat(new MedsExportCommand().help()).contains("--features", "--shards", "--task");
  }

  @Test
  void run_withoutOptions_isAUsageError() {
    assertThat(Main.run(new String[] {"meds-export"})).isEqualTo(2);
    assertThat(Main.run(new String[] {"meds-export", "--input", "a", "--output", "b", "--shards", "0"})).isEqualTo(2);
    assertThat(Main.run(new String[] {"meds-validate"})).isEqualTo(2);
  }

  @Test
  void validate_aFolderThatIsNotMeds_exitsTwo(@TempDir Path tmp) throws Exception {
    SparkTestSession.get();
    Files.createDirectories(tmp.resolve("data"));
    assertThat(Main.run(new String[] {"meds-validate", "--input", tmp.toString()})).isEqualTo(2);
  }
}
