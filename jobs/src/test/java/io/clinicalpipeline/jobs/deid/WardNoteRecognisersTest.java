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

  @Test
  void phones_splitBySpacesSlashesAndBrackets() {
    assertThat(found(lower("son can be reached at 617- 555- 0143."))).anyMatch(s -> s.startsWith("PHONE:617- 555- 0143"));
    assertThat(found(capitals("WIFE (617/555/0188) UPDATED."))).anyMatch(s -> s.contains("617/555/0188"));
    assertThat(found(capitals("FAX 617 555 0100 FOR RECORDS."))).anyMatch(s -> s.startsWith("FAX:617 555 0100"));
    assertThat(found(capitals("ABG 7.35/42/96/24, HR 100-110."))).noneMatch(s -> s.startsWith("PHONE"));
  }

  @Test
  void hospitals_inAnyCaseAndShortNamesAfterTransferWords() {
    assertThat(found(lower("pt came from university of vermontia hospital today."))).anyMatch(s -> s.contains("university of vermontia"));
    assertThat(found(capitals("HISTORY FROM KELLSWORTH MEMORIAL RECORDS."))).anyMatch(s -> s.contains("KELLSWORTH MEMORIAL"));
    assertThat(found(lower("med flighted to vth for cath."))).anyMatch(s -> s.equals("LOCATION:vth"));
    // shorthand after a transfer word is no hospital
    assertThat(found(lower("transferred to icu for monitoring."))).noneMatch(s -> s.startsWith("LOCATION"));
  }

  @Test
  void years_afterHistoryWordsAndMonthWithTwoDigitYears() {
    assertThat(found(capitals("PMH: CABG 1991, LUMPECTOMY IN 1983, FX 4/97."))).contains("DATE:1991", "DATE:1983", "DATE:4/97");
    // times stay times
    assertThat(found(capitals("AT 1900 PT RESTING, 2000 VS STABLE."))).noneMatch(s -> s.startsWith("DATE"));
  }

  @Test
  void wardsInitialsAndInstitutions_withoutATransferVerb() {
    assertThat(found(capitals("FOUND UNRESPONSIVE ON BRENHOLM 6, CODE CALLED."))).contains("LOCATION:BRENHOLM 6");
    assertThat(found(lower("pt to brenholm 3 this am."))).contains("LOCATION:brenholm 3");
    // a drug and its dose after "on" is no ward
    assertThat(found(capitals("REMAINS ON LASIX 40 MG IV."))).noneMatch(s -> s.startsWith("LOCATION"));
    // a hospital's initials after a preposition, and at its other mentions in the note
    assertThat(found(capitals("RETIRED FROM VKH LAST YEAR. CULTURES FROM VKH PENDING. VKH ATTORNEYS CALLED.")))
        .filteredOn(s -> s.equals("LOCATION:VKH")).hasSize(3);
    assertThat(found(capitals("PT IN USOH UNTIL YESTERDAY."))).noneMatch(s -> s.startsWith("LOCATION"));
    assertThat(found(lower("was taken to memorial hospital, ct done."))).anyMatch(s -> s.startsWith("LOCATION:memorial hospital"));
    assertThat(found(capitals("HISTORY FROM OSTERLY GENERAL HOSPITAL."))).contains("LOCATION:OSTERLY GENERAL HOSPITAL");
  }

  @Test
  void townsAfterRelocationWords_butNotStatesOrCountries() {
    assertThat(found(capitals("DAUGHTER FLYING IN FROM SPRINGFIELD TOMORROW."))).anyMatch(s -> s.startsWith("LOCATION:SPRINGFIELD"));
    assertThat(found(lower("son lives in springfield, visits often."))).anyMatch(s -> s.startsWith("LOCATION:springfield"));
    assertThat(found(capitals("SON FLYING IN FROM TEXAS TOMORROW."))).noneMatch(s -> s.startsWith("LOCATION"));
  }

  @Test
  void namesNextToNames_surnamesAndAnd_andInitialsBeforeActions() {
    assertThat(found(lower("his wife, janet vorlicky, called this am."))).anyMatch(s -> s.contains("vorlicky"));
    assertThat(found(capitals("DR. RAKOWSKI AND TOOLINGER AWARE."))).anyMatch(s -> s.contains("TOOLINGER"));
    assertThat(found(capitals("M. PEPPLAR PLACING STITCH AT CT SITE."))).anyMatch(s -> s.contains("M. PEPPLAR"));
    assertThat(found(capitals("INR 6.0. E. WELSH AWARE."))).anyMatch(s -> s.contains("E. WELSH"));
    assertThat(found(capitals("J KORVATH ORDERED EPI DRIP."))).anyMatch(s -> s.contains("J KORVATH"));
    assertThat(found(lower("cap refill < 3 sec. grace dudovik aware."))).anyMatch(s -> s.contains("grace dudovik"));
    assertThat(found(lower("sbp 120-135 per d rosslyk, wires secured."))).anyMatch(s -> s.contains("d rosslyk"));
    // an ordinary or clinical word after a first name, and a clinical initial, are no names
    assertThat(found(lower("janet called, updated on plan."))).noneMatch(s -> s.contains("called"));
    assertThat(found(capitals("URINE GREW E. COLI, ID AWARE."))).noneMatch(s -> s.contains("COLI"));
  }
}
