package io.clinicalpipeline.jobs.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentifierMatcherTest {

  private final IdentifierMatcher matcher =
      IdentifierMatcher.of(Map.of("1950-03-14", "BIRTH_DATE", "quenby", "NAME", "555-867-5309", "PHONE",
          "dee", "NAME", "s99923054", "LICENSE"));

  @Test
  void find_matchesWholeWordsInAnyCase() {
    assertThat(matcher.find("SEEN BY QUENBY TODAY")).containsExactly("NAME");
    assertThat(matcher.find("call 555-867-5309")).containsExactly("PHONE");
    assertThat(matcher.find("Quenbyville clinic")).isEmpty();
  }

  @Test
  void find_countsABirthDateOnlyWhereTheTextPresentsItAsOne() {
    assertThat(matcher.find("Visit on 1950-03-14: follow-up")).isEmpty();
    assertThat(matcher.find("DOB: 1950-03-14")).containsExactly("BIRTH_DATE");
    assertThat(matcher.find("Date of birth 1950-03-14")).containsExactly("BIRTH_DATE");
    assertThat(matcher.find("born on 1950-03-14")).containsExactly("BIRTH_DATE");
  }

  @Test
  void find_ignoresIdentifiersInsideLongerTokens_suchAsHexPseudonyms() {
    // A keyed pseudonym is 32 hex digits: a name of the letters a-f sits in some of them between digits.
    assertThat(matcher.find("5e0c3dee7a91b2c4d6f8091a2b3c4d5e")).isEmpty();
    assertThat(matcher.find("dee0c1f2a3b4c5d6e7f8091a2b3c4d5e")).isEmpty();
    assertThat(matcher.find("code XS999230541 and 2s99923054")).isEmpty();
    assertThat(matcher.find("tel 1555-867-53099")).isEmpty();
    assertThat(matcher.find("Dee, licence S99923054.")).containsExactly("NAME", "LICENSE");
  }

  @Test
  void find_countsANameWithANumericSuffix_asSyntheaWritesIt() {
    assertThat(matcher.find("Quenby344 is a 45 year-old")).containsExactly("NAME");
    assertThat(matcher.find("(Dee12)")).containsExactly("NAME");
    assertThat(matcher.find("Quenby344x")).isEmpty();
  }

  @Test
  void wholeToken_skipsTheDigitsOfANameSuffixOnly() {
    assertThat(IdentifierMatcher.wholeToken("Dee12 x", 0, 3)).isTrue();
    assertThat(IdentifierMatcher.wholeToken("5dee", 1, 4)).isFalse();
    assertThat(IdentifierMatcher.wholeToken("555-1234x", 0, 8)).isFalse();
  }
}
