package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.WardNotes.capitals;
import static io.clinicalpipeline.jobs.deid.WardNotes.found;
import static io.clinicalpipeline.jobs.deid.WardNotes.lower;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ward-note measurements that read like identifiers, dates or names, next to the forms that are PHI. */
class WardNoteMeasurementsTest {

  @Test
  void rangesTimesAndUnits_areNoIdentifiers() {
    for (String line : new String[] {
        "HR 78-84, SATS 98-100% ON 2L.", "SHIFT 0700-1245 UNEVENTFUL.", "TV 800-1000 ON PS.",
        "LABS=2000-BUN/CREAT 38/2.3.", "ABG AT 1730-PND.", "CUFF PRESSURE (>40CMH20) TO SEAL.", "I/O +13175 SINCE MN."}) {
      assertThat(found(capitals(line))).as(line).noneMatch(s -> s.startsWith("ID:") || s.startsWith("ACCOUNT:"));
    }
    // a phone written 3-4 and a labelled code keep their shape
    assertThat(found(capitals("SON CAN BE REACHED AT 555-8120 AFTER 6."))).anyMatch(s -> s.contains("555-8120"));
    assertThat(found(capitals("PAGER #40718 FOR QUESTIONS."))).anyMatch(s -> s.contains("40718"));
  }

  @Test
  void ventilatorSettingsFractionsAndPressures_areNoDates() {
    for (String line : new String[] {
        "RESP: CPAP 5/5 FIO2 .50, TOLERATING.", "CHANGED TO PSV OF 10/5, 60%.", "TRIALED ON 5/5, 35% FIO2.",
        "PA 23-31/13-16, CVP 5-9.", "PAD 30/18-20 AT 1700.", "D5 1/2 NS AT 75CC/HR.", "STRENGTH 4/5 BILAT UE."}) {
      assertThat(found(capitals(line))).as(line).noneMatch(s -> s.startsWith("DATE"));
    }
  }

  @Test
  void shortDates_withoutYearsAfterDateWordsOrAtALinesStart() {
    assertThat(found(lower("extub 4/1, epi weaned 4/2."))).contains("DATE:4/1", "DATE:4/2");
    assertThat(found(capitals("S/P CABG 2/7, CHEST TUBES OUT."))).contains("DATE:2/7");
    assertThat(found(capitals("9/10 AMIODARONE STARTED."))).contains("DATE:9/10");
    assertThat(found(lower("cultures from 10/15-10/16 pending."))).anyMatch(s -> s.startsWith("DATE:10/15"));
    // tenths beside a scale word stay
    assertThat(found(lower("c/o 8/10 chest pain, medicated."))).noneMatch(s -> s.startsWith("DATE"));
  }

  @Test
  void wordsAfterMdThatHeadAClause_areNoNames_andAWrongFindDoesNotSpread() {
    for (String line : new String[] {"MD EVALUATED INCISION.", "NP AND MD INTO EVAL.", "PER MD REPORT, CXR WNL.",
        "B. ORTELLI MD AWARE- NTG ADDED."}) {
      assertThat(found(capitals(line + " AWARE OF PLAN. FAMILY AWARE."))).as(line)
          .noneMatch(s -> s.equals("NAME:AWARE") || s.equals("NAME:EVALUATED") || s.equals("NAME:INTO") || s.equals("NAME:REPORT"));
    }
    // after "dr" nearly any word is still a name
    assertThat(found(capitals("DR ORTELLI AWARE."))).anyMatch(s -> s.contains("ORTELLI"));
  }

  @Test
  void sectionHeadingsAndShortCapitalWords_areNoNames_butSpeakersAndRelativesAre() {
    String sectioned = "Neuro: alert, oriented x3.\nPulm: LS coarse at bases, sats 95%.\nGI: abd soft.\nPlan: cont to monitor.\n";
    assertThat(found(sectioned)).noneMatch(s -> s.startsWith("NAME"));
    // a dialogue's speaker labels are names
    assertThat(found("Vorlana: What a day.\nMatthias: Remember me?\nVorlana: Always.\n")).anyMatch(s -> s.contains("Matthias"));
    assertThat(found(capitals("MOVES LE ON BED. BREATHING IS OK. KUB DONE."))).noneMatch(s -> s.startsWith("NAME"));
    assertThat(found(capitals("SON ROB CALLED, UPDATED."))).anyMatch(s -> s.contains("ROB"));
  }
}
