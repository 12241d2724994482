package io.clinicalpipeline.jobs.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSpecTest {

  static final String MINIMAL =
      """
      name: t
      index: {encounter-classes: [Wellness]}
      label:
        outcome: encounter
        encounter-classes: [emergency]
        window: {end-days: 365}
      """;

  @Test
  void shipped_everyTask_parses() {
    for (String name : TaskSpec.SHIPPED) {
      assertThat(TaskSpec.shipped(name).name()).isEqualTo(name);
    }
    TaskSpec d = TaskSpec.shipped(TaskSpec.DEFAULT);
    assertThat(d.index().encounterClasses()).containsExactly("emer", "imp");
    assertThat(d.label().endDays()).isEqualTo(30);
    assertThat(d.minAge()).isEqualTo(18);
    assertThat(d.features().raceEthnicity()).isFalse();
  }

  @Test
  void parse_minimal_fillsDefaultsAndLowercasesClasses() {
    TaskSpec t = TaskSpec.parse(MINIMAL);
    assertThat(t.index().encounterClasses()).containsExactly("wellness");
    assertThat(t.index().select()).isEqualTo(TaskSpec.Select.ALL);
    assertThat(t.predictionTime().anchor()).isEqualTo(TaskSpec.Anchor.END);
    assertThat(t.lookbackWindows()).containsExactly(30, 365, 1825);
    assertThat(t.label().startDays()).isZero();
    assertThat(t.split().train() + t.split().validation() + t.split().test()).isEqualTo(1.0);
    assertThat(t.aggregationWindows()).containsExactly(30, 365, 1825);
  }

  @Test
  void parse_misspelledKey_namesIt() {
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL.replace("window: {end-days", "window: {start-day: 5, end-days")))
        .isInstanceOf(InvalidTaskSpecException.class)
        .hasMessageStartingWith("unknown key label.window.start-day");
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL + "min_age: 18\n"))
        .hasMessageStartingWith("unknown key min_age");
  }

  @Test
  void parse_labelWindowEndingBeforeItStarts_namesTheKey() {
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL.replace("{end-days: 365}", "{start-days: 30, end-days: 30}")))
        .hasMessage("label.window.end-days must be greater than label.window.start-days: 30");
  }

  @Test
  void parse_badValues_nameTheKey() {
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL + "lookback-windows: [30, -1]\n"))
        .hasMessage("lookback-windows[1] must be between 1 and 36600: -1");
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL + "min-age: old\n"))
        .hasMessage("min-age must be an integer: old");
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL + "split: {ratios: {train: 0.5, validation: 0.1, test: 0.1}}\n"))
        .hasMessageStartingWith("split.ratios must add up to 1");
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL + "features: {codes: {sources: [notes]}}\n"))
        .hasMessageStartingWith("features.codes.sources[0] must be one of");
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL.replace("outcome: encounter", "outcome: sepsis")))
        .hasMessage("label.outcome must be one of [encounter, condition, death]: sepsis");
  }

  @Test
  void parse_missingRequiredKeys_namesThem() {
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL.replace("index: {encounter-classes: [Wellness]}\n", "")))
        .hasMessage("index.encounter-classes is required");
    assertThatThrownBy(() -> TaskSpec.parse(MINIMAL.replace("  encounter-classes: [emergency]\n", "")))
        .hasMessage("label.encounter-classes is required when label.outcome is encounter");
    assertThatThrownBy(() -> TaskSpec.parse("index: {}")).hasMessage("name is required");
  }

  @Test
  void parse_raceEthnicityAsFeatures_onlyWhenAsked() {
    assertThat(TaskSpec.parse(MINIMAL).features().raceEthnicity()).isFalse();
    assertThat(TaskSpec.parse(MINIMAL + "features: {race-ethnicity: true}\n").features().raceEthnicity()).isTrue();
  }

  @Test
  void parse_notesWindow_joinsTheAggregationWindows() {
    TaskSpec t = TaskSpec.parse(MINIMAL + "lookback-windows: [30]\nfeatures: {notes: {window-days: 90}}\n");
    assertThat(t.aggregationWindows()).isEqualTo(List.of(30, 90));
    assertThat(t.maxLookbackDays()).isEqualTo(90);
  }
}
