package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.JobRunner.UsageException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataCommandTest {

  @TempDir Path home;

  @Test
  void parse_generate_rendersTheGeneratorsArguments() {
    SampleDataOptions o = SampleDataOptions.parse(new String[] {
        "--patients", "20", "--seed=2", "--output", "out", "--state", "New Mexico", "--city", "Socorro",
        "--years-of-history", "5", "--no-fhir", "--append", "--synthea-default-names"});

    assertThat(o.toArgs()).containsExactly(
        "--patients", "20", "--seed", "2", "--output", "out", "--state", "New Mexico", "--city", "Socorro",
        "--years-of-history", "5", "--reference-date", "20250101", "--no-fhir", "--append",
        "--synthea-default-names");
    assertThat(SampleDataOptions.parse(o.toArgs().toArray(String[]::new))).isEqualTo(o);
  }

  @Test
  void parse_replicate_rendersOnlyItsOwnFlags() {
    SampleDataOptions o = SampleDataOptions.parse(new String[] {"--replicate", "4", "--input", "in", "--output", "big"});

    assertThat(o.replicating()).isTrue();
    assertThat(o.toArgs()).containsExactly("--replicate", "4", "--input", "in", "--output", "big");
  }

  @Test
  void parse_withoutSeed_isRefused() {
    assertThatThrownBy(() -> SampleDataOptions.parse(new String[] {"--patients", "5", "--output", "o"}))
        .isInstanceOf(UsageException.class).hasMessage("--seed is required");
  }

  @Test
  void parse_badReferenceDate_namesTheFlag() {
    assertThatThrownBy(() -> SampleDataOptions.parse(
            new String[] {"--patients", "5", "--seed", "1", "--output", "o", "--reference-date", "2025-01-01"}))
        .isInstanceOf(UsageException.class).hasMessage("--reference-date must be YYYYMMDD: 2025-01-01");
  }

  @Test
  void parse_replicateWithGenerateFlag_isRefused() {
    assertThatThrownBy(() -> SampleDataOptions.parse(
            new String[] {"--replicate", "2", "--input", "i", "--output", "o", "--patients", "3"}))
        .isInstanceOf(UsageException.class).hasMessage("--patients does not apply to --replicate");
  }

  @Test
  void parse_replicateWithoutInput_isRefused() {
    assertThatThrownBy(() -> SampleDataOptions.parse(new String[] {"--replicate", "2", "--output", "o"}))
        .isInstanceOf(UsageException.class).hasMessage("--input is required with --replicate");
  }

  @Test
  void command_runsTheGeneratorJarWithItsOwnClasspath() throws Exception {
    Path target = home.resolve("sample-data/generator/target");
    Files.createDirectories(target.resolve("lib"));
    Files.writeString(target.resolve("clinical-pipeline-synthea.jar"), "");
    SampleDataOptions o = SampleDataOptions.parse(new String[] {"--replicate", "2", "--input", "i", "--output", "o"});

    List<String> command = SampleDataCommand.command(o, home, "2g");

    assertThat(command.get(0)).endsWith(File.separator + "java");
    assertThat(command).containsSubsequence("-Xmx2g", "-cp",
        target.resolve("clinical-pipeline-synthea.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*",
        SampleDataCommand.MAIN, "--replicate", "2", "--input", "i", "--output", "o");
    assertThat(String.join(" ", command)).doesNotContain("spark");
  }

  @Test
  void command_unbuiltGenerator_saysHowToBuildIt() {
    SampleDataOptions o = SampleDataOptions.parse(new String[] {"--replicate", "2", "--input", "i", "--output", "o"});

    assertThatThrownBy(() -> SampleDataCommand.command(o, home, "2g"))
        .isInstanceOf(JobException.class)
        .hasMessage("the generator is not built: run mvn -DskipTests package -pl sample-data/generator");
  }

  @Test
  void main_listsTheCommand() {
    assertThat(Main.commands()).extracting(Command::name).contains("sample-data");
  }
}
