package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.WardNotes.capitals;
import static io.clinicalpipeline.jobs.deid.WardNotes.found;
import static io.clinicalpipeline.jobs.deid.WardNotes.lower;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ward-note recognisers, on invented names and places. */
class WardNoteRecognisersTest {

  @Test
  void names_afterTitlesWithoutStopsInAnyCase() {
    assertThat(found(lower("dr vantrell aware of k 3.1, repleted."))).anyMatch(s -> s.startsWith("NAME:") && s.contains("vantrell"));
    assertThat(found(capitals("PER DR.OSTROWICZ CONT HEPARIN."))).anyMatch(s -> s.contains("OSTROWICZ"));
    assertThat(found(lower("np kesselring made aware."))).anyMatch(s -> s.contains("kesselring"));
    // a title before an ordinary word is no name
    assertThat(found(lower("dr aware of plan."))).noneMatch(s -> s.startsWith("NAME"));
  }

  @Test
  void names_afterRelationWordsAndInitialsAndSignatures() {
    assertThat(found(lower("husband orlek at bedside, dtr marisol called."))).anyMatch(s -> s.contains("orlek"))
        .anyMatch(s -> s.contains("marisol"));
    assertThat(found(lower("daughter updated by phone."))).noneMatch(s -> s.startsWith("NAME"));
    assertThat(found(capitals("E. KOSTAND AWARE OF LABS."))).anyMatch(s -> s.contains("KOSTAND"));
    assertThat(found(lower("cont to monitor.\nirvana peltz, rn"))).anyMatch(s -> s.contains("irvana peltz"));
  }

  @Test
  void places_afterTransferWordsAndCampusWords() {
    assertThat(found(lower("plan: transfer to brenholm 4 when bed available."))).contains("LOCATION:brenholm 4");
    assertThat(found(capitals("TRANSFERRED TO VTH FOR CATH."))).anyMatch(s -> s.startsWith("LOCATION:VTH"));
    assertThat(found(lower("seen at the oskarvik campus last year."))).anyMatch(s -> s.contains("oskarvik campus"));
    // a transfer to an ordinary place word is no place
    assertThat(found(lower("transfer to floor when stable."))).noneMatch(s -> s.startsWith("LOCATION"));
  }

  @Test
  void shortYears_withAnApostropheInHistories() {
    assertThat(found(capitals("PMH: MI '87, CABG X3 91'."))).contains("DATE:'87", "DATE:91'");
    assertThat(found(capitals("SATS 90'S."))).noneMatch(s -> s.startsWith("DATE"));
  }
}
