package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoteDocumentTest {

  @Test
  void caseProfile_capitalsLowerAndMixed() {
    assertThat(CaseProfile.of(WardNotes.capitals("PT RESTING."))).isEqualTo(CaseProfile.CAPITALS);
    assertThat(CaseProfile.of(WardNotes.lower("pt resting."))).isEqualTo(CaseProfile.LOWER);
    assertThat(CaseProfile.of("Find the discharge summary of the patient seen in March. She had a fever."))
        .isEqualTo(CaseProfile.MIXED);
  }

  @Test
  void telegraphic_byCaseOrByShorthandDensity() {
    assertThat(new NoteDocument(WardNotes.capitals("PT RESTING.")).telegraphic()).isTrue();
    String mixedWardNote =
        "Neuro: pt A&Ox3, MAE. CV: HR 80s SR, bp stable, no ectopy. Resp: LS clear, sats 97% on 2L NC. "
            + "GI: abd soft, +BS, tol clears. GU: Foley to CD, UO 40cc/hr. Plan: cont to monitor, pain control prn. "
            + "ID: afebrile, WBC 9.1, abx as ordered. Skin: intact, turned q2h. Social: family in, updated at bedside.";
    assertThat(new NoteDocument(mixedWardNote).profile()).isEqualTo(CaseProfile.MIXED);
    assertThat(new NoteDocument(mixedWardNote).telegraphic()).isTrue();
    assertThat(new NoteDocument("Please send the lab results of the patient to her family doctor in the spring, "
        + "when the clinic opens again after the holidays and the staff is back from their leave of absence.").telegraphic())
        .isFalse();
  }

  @Test
  void linesAndHeadings() {
    String text = "NEURO: ALERT\nCV- STABLE\nPLAN TO MONITOR";
    NoteDocument doc = new NoteDocument(text);
    assertThat(doc.lineStart(text.indexOf("STABLE"))).isEqualTo(text.indexOf("CV"));
    assertThat(doc.heading(0, 5)).isTrue();
    assertThat(doc.heading(text.indexOf("CV"), text.indexOf("CV") + 2)).isTrue();
    assertThat(doc.heading(text.indexOf("ALERT"), text.indexOf("ALERT") + 5)).isFalse();
    assertThat(doc.heading(text.indexOf("PLAN"), text.indexOf("PLAN") + 4)).isFalse();
  }
}
