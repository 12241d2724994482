package io.clinicalpipeline.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityOptionsTest {

  @Test
  void parse_thenToArgs_roundTrips() {
    QualityOptions o =
        QualityOptions.parse(new String[] {
          "--checkpoint", "deid", "--input=out/deid", "--output=out/quality/deid", "--raw=out/raw",
          "--history=s3a://bucket/history", "--suite=my.yaml", "--run-time=2024-06-01T00:00:00Z", "--tag=site=a"
        });
    assertThat(o.checkpoint()).isEqualTo(Checkpoint.DEID);
    assertThat(o.tags()).isEqualTo(Map.of("site", "a"));
    assertThat(QualityOptions.parse(o.toArgs())).isEqualTo(o);
  }

  @Test
  void parse_unknownCheckpoint_failsNamingTheFlag() {
    assertThatThrownBy(
            () -> QualityOptions.parse(new String[] {"--checkpoint=gold", "--input=a", "--output=b"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("--checkpoint must be raw, deid or features: gold");
  }

  @Test
  void parse_badRunTime_failsNamingTheFlag() {
    assertThatThrownBy(
            () -> QualityOptions.parse(
                new String[] {"--checkpoint=raw", "--input=a", "--output=b", "--run-time=yesterday"}))
        .hasMessageStartingWith("--run-time must be an ISO-8601 instant");
  }

  @Test
  void parse_missingInput_fails() {
    assertThatThrownBy(() -> QualityOptions.parse(new String[] {"--checkpoint=raw", "--output=b"}))
        .hasMessage("--input is required");
  }

  @Test
  void runTime_defaultsToNow_butIsPinnedWhenGiven() {
    QualityOptions o =
        QualityOptions.parse(new String[] {"--checkpoint=raw", "--input=a", "--output=b", "--run-time=2024-06-01T00:00:00Z"});
    assertThat(o.runTimeOrNow()).isEqualTo("2024-06-01T00:00:00Z");
  }
}
