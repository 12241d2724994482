package io.clinicalpipeline.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing reference file fails in CI and is a skip with its reason elsewhere, never a silent pass. */
class SharedReferenceTest {

  private static final String ABSENT = "no-such-reference/absent.json";

  @Test
  void require_missing_failsInCiAndSkipsWithTheReasonElsewhere() {
    Class<? extends Throwable> expected = Required.inCi() ? AssertionError.class : TestAbortedException.class;
    assertThatThrownBy(() -> SharedReference.require(ABSENT))
        .isExactlyInstanceOf(expected)
        .hasMessageContaining("shared/" + ABSENT)
        .hasMessageContaining("../shared");
  }

  @Test
  void optional_missing_failsInCiAndSaysWhatIsUncheckedElsewhere() {
    if (Required.inCi()) {
      assertThatThrownBy(() -> SharedReference.optional(ABSENT, "nothing checked"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("shared/" + ABSENT);
      return;
    }
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(SharedReference.optional(ABSENT, "nothing checked")).isEmpty();
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("shared/" + ABSENT, "nothing checked");
  }
}
