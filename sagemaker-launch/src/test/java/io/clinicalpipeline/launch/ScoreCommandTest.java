package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.jobs.score.ScoreOptions;
import org.junit.jupiter.api.Test;

class ScoreCommandTest {

  @Test
  void inputAndRaw_exactlyOne_andTheOptionsRoundTrip() {
    assertThatThrownBy(() -> ScoreOptions.parse(new String[] {"--model", "m", "--input", "d", "--raw", "r", "--output", "o"}))
        .hasMessage("give exactly one of --input (de-identified tables) and --raw (raw data)");
    assertThatThrownBy(() -> ScoreOptions.parse(new String[] {"--model", "m", "--output", "o"}))
        .hasMessage("give exactly one of --input (de-identified tables) and --raw (raw data)");
    assertThatThrownBy(() -> ScoreOptions.parse(new String[] {"--model", "m", "--input", "o", "--output", "o"}))
        .hasMessage("--output must differ from --input, --raw and --model");
    ScoreOptions raw = ScoreOptions.parse(
        new String[] {"--model", "m", "--raw", "r", "--output", "o", "--demo-key", "--date-policy", "safe-harbor", "--force"});
    assertThat(ScoreOptions.parse(raw.toArgs())).isEqualTo(raw);
    assertThat(raw.toArgs()).containsExactly(
        "--model", "m", "--raw", "r", "--date-policy", "safe-harbor", "--demo-key", "--output", "o", "--force");
  }

  @Test
  void badUsage_isExitCodeTwo() {
    assertThat(Main.run(new String[] {"score", "--model", "m", "--output", "o"})).isEqualTo(2);
    assertThat(Main.run(new String[] {"score", "--help"})).isZero();
  }
}
