package io.clinicalpipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeOptionsTest {

  @Test
  void parse_defaultsAreSageMakersContract() {
    ServeOptions o = ServeOptions.parse(new String[] {"serve"}, Map.of());
    assertThat(o.modelDir()).isEqualTo("/opt/ml/model");
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.maxBodyBytes()).isEqualTo(6 * 1024 * 1024);
  }

  @Test
  void parse_flagBeatsEnvironment_environmentBeatsDefault() {
    Map<String, String> env = Map.of("SAGEMAKER_BIND_TO_PORT", "9000", "SAGEMAKER_MODEL_SERVER_WORKERS", "3",
        "MAX_CONTENT_LENGTH", "2048");
    ServeOptions fromEnv = ServeOptions.parse(new String[0], env);
    assertThat(fromEnv.port()).isEqualTo(9000);
    assertThat(fromEnv.workers()).isEqualTo(3);
    assertThat(fromEnv.maxBodyBytes()).isEqualTo(2048);
    ServeOptions flags = ServeOptions.parse(new String[] {"--port=7000", "--workers", "5"}, env);
    assertThat(flags.port()).isEqualTo(7000);
    assertThat(flags.workers()).isEqualTo(5);
  }

  @Test
  void toArgs_parsesBackToTheSameOptions() {
    ServeOptions o = ServeOptions.parse(
        new String[] {"--model-dir", "m", "--feature-manifest", "f.json", "--host", "127.0.0.1", "--queue", "9"},
        Map.of());
    assertThat(ServeOptions.parse(o.toArgs().toArray(String[]::new), Map.of())).isEqualTo(o);
  }

  @Test
  void parse_badValues_nameTheFlag() {
    assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--workers", "0"}, Map.of()))
        .hasMessage("--workers must be at least 1: 0");
    assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--port", "x"}, Map.of()))
        .hasMessage("--port must be an integer: x");
    assertThatThrownBy(() -> ServeOptions.parse(new String[0], Map.of("SAGEMAKER_BIND_TO_PORT", "y")))
        .hasMessage("SAGEMAKER_BIND_TO_PORT must be an integer: y");
    assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--port"}, Map.of()))
        .hasMessage("--port needs a value");
  }
}
