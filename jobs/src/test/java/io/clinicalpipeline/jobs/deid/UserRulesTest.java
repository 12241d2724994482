package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRulesTest {

  @TempDir Path dir;

  private List<String> found(UserRules rules, String text) {
    NoteDetector d = new NoteDetector(Lexicon.get(), rules, NoteDetector.DEFAULT_THRESHOLD);
    return d.detect(text, KnownIdentifiers.none()).stream().map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
  }

  @Test
  void denyWordsAndPatterns_andAllowWords() throws IOException {
    Path f = dir.resolve("rules.yaml");
    Files.writeString(f, """
        allow: [Maria Lopez]
        deny:
          - word: Westwing
            type: LOCATION
          - pattern: "BED-[0-9]{3}"
            type: ID
        """);
    UserRules rules = UserRules.read(f);
    String text = "Maria Lopez moved to Westwing, BED-412, today.";
    assertThat(found(UserRules.NONE, text)).contains("NAME:Maria Lopez").noneMatch(s -> s.contains("BED-412"));
    assertThat(found(rules, text)).contains("LOCATION:Westwing", "ID:BED-412").noneMatch(s -> s.contains("Maria"));
  }

  @Test
  void badRules_nameTheFileAndRuleNeverTheText() throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "deny:\n  - word: Secretname\n    type: PERSONA\n");
    assertThatThrownBy(() -> UserRules.read(f)).isInstanceOf(UsageException.class)
        .hasMessageContaining("deny rule 1").hasMessageContaining("type").hasMessageNotContaining("Secretname");
    Files.writeString(f, "deny:\n  - pattern: \"(unclosed\"\n    type: ID\n");
    assertThatThrownBy(() -> UserRules.read(f)).hasMessageContaining("does not compile").hasMessageNotContaining("unclosed");
    Files.writeString(f, "denied: [x]\n");
    assertThatThrownBy(() -> UserRules.read(f)).hasMessageContaining("not a rules file");
  }
}
