package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.WardNotes.capitals;
import static io.clinicalpipeline.jobs.deid.WardNotes.found;
import static io.clinicalpipeline.jobs.deid.WardNotes.lower;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each veto category: what it removes from ward notes, and the PHI of the same shape it keeps. */
class VetoesTest {

  @Test
  void numberRanges_measuresAndTimeRanges_areNoIdentifiersOrPhones() {
    assertThat(found(capitals("HR 72-88 SR, TV 450-650, UO 30-45CC/HR, VENT 600X14."))).isEmpty();
    assertThat(found(capitals("NURSING NOTE 1900-0700 EVENTS: NONE."))).isEmpty();
    assertThat(found(capitals("SVR 900-1200, CI 2.4."))).isEmpty();
    // a phone after a phone word stays a phone, and a ten-digit number is one anyway
    assertThat(found(capitals("WIFE CAN BE REACHED AT 617-555-0143."))).anyMatch(s -> s.startsWith("PHONE:617-555-0143"));
    assertThat(found(capitals("CALL HOME 555-7712 WITH UPDATES."))).anyMatch(s -> s.startsWith("PHONE:555-7712"));
  }

  @Test
  void decadesOfValues_areNoAges_butAPersonsNinetiesIs() {
    assertThat(found(capitals("SATS HIGH 90'S, BP 90S-110S."))).noneMatch(s -> s.startsWith("AGE"));
    assertThat(found("The patient is in her nineties and lives alone.")).anyMatch(s -> s.startsWith("AGE"));
  }

  @Test
  void ventilatorSettingsAndSeriesOfValues_areNoDates() {
    assertThat(found(lower("weaned to cpap 5/5 this am, abg 7.38/42/96."))).noneMatch(s -> s.startsWith("DATE"));
    assertThat(found(lower("on psv 10/5 with fio2 40%, 5/10/40% overnight."))).noneMatch(s -> s.startsWith("DATE"));
    assertThat(found(lower("cabg done on 8/27 and extubated on 8/28."))).contains("DATE:8/27", "DATE:8/28");
  }

  @Test
  void ordinaryAndClinicalWords_inWardNotes_areNoNamesOrPlaces() {
    assertThat(found(capitals("PT REMAINS SEDATED, ALERT TO VOICE. FOLEY PATENT. IN SPITE OF LASIX UO LOW.")))
        .isEmpty();
    assertThat(found(capitals("PT RECIEVED LASIX AND VOMITTED X1."))).isEmpty();
    // a surname after a title stays a name even when it is also a word
    assertThat(found(capitals("DR FENWICK AWARE."))).anyMatch(s -> s.startsWith("NAME:") && s.contains("FENWICK"));
  }

  @Test
  void sentenceJoins_areNoDomains_butDomainsAre() {
    assertThat(found(lower("pt tolerated it.no pain overnight.pt asleep."))).noneMatch(s -> s.startsWith("URL"));
    assertThat(found("See www.example-clinic.org for the forms.")).anyMatch(s -> s.startsWith("URL"));
  }
}
