package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeidTextExplainTest {

  @TempDir Path dir;

  @Test
  void explain_namesRecogniserScoreAndVeto_onlyInItsFile() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\": \"n1\", \"text\": \"Seen by Dr. Okonkwo. SATS 95-99, phone 617-555-0143.\"}\n");
    Path out = dir.resolve("out.jsonl");
    Path explain = dir.resolve("explain.jsonl");
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      DeidText.runChecked(new String[] {"--input", in.toString(), "--output", out.toString(), "--explain", explain.toString()});
    } finally {
      System.setOut(old);
    }
    String e = Files.readString(explain);
    assertThat(e).contains("\"recogniser\":\"names by title\"", "\"text\":\"Okonkwo\"", "\"kept\":true", "\"score\":");
    assertThat(e).contains("veto: number shape");
    assertThat(Files.readString(out)).doesNotContain("Okonkwo");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("Okonkwo").doesNotContain("617");
  }
}
