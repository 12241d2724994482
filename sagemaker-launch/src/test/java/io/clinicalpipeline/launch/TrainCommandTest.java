package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainCommandTest {

  @Test
  void train_isRegistered() {
    assertThat(Main.commands()).anySatisfy(c -> assertThat(c).isInstanceOf(TrainCommand.class));
  }

  @Test
  void train_withoutChannels_isBadUsage() {
    assertThat(Main.run(new String[] {"train", "--output", "out"})).isEqualTo(2);
  }

  @Test
  void help_listsTheJobOptions() {
    assertThat(new TrainCommand().help()).contains("--channels", "--hyperparameters", "--checkpoint-interval");
  }
}
