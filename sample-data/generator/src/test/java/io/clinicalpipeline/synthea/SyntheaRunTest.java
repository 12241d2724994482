package io.clinicalpipeline.synthea;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SyntheaRunTest {

  private static java.util.List<String> args(String... extra) {
    String[] base = {"--patients", "3", "--seed", "5", "--output", "out"};
    String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return new SyntheaRun(GenerateOptions.parse(all)).syntheaArgs(Path.of("scratch"));
  }

  @Test
  void plainNames_byDefault_syntheaDefaultNames_withTheFlag() {
    assertThat(args()).contains("--generate.append_numbers_to_person_names=false")
        .doesNotContain("--generate.append_numbers_to_person_names=true");
    assertThat(args("--synthea-default-names", "--state", "New Mexico"))
        .contains("--generate.append_numbers_to_person_names=true", "New Mexico")
        .doesNotContain("--generate.append_numbers_to_person_names=false");
  }
}
