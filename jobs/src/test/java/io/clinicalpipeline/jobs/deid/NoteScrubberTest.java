package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteScrubberTest {

  static final Lexicon LEX = Lexicon.get();
  static final PseudonymKey KEY = PseudonymKey.of("unit-test-key-0123456789");
  static final NoteScrubber TAGS = new NoteScrubber(LEX, ReplacementMode.TAGS, DatePolicy.SHIFT, null);

  static List<String> found(String text) {
    return TAGS.detect(text, KnownIdentifiers.none()).stream()
        .map(s -> s.type() + ":" + text.substring(s.start(), s.end()))
        .toList();
  }

  @Test
  void detect_namesAfterTitlesAndFromTheLexicon() {
    assertThat(found("Seen by Dr. Okonkwo today with her sister Priya Raman."))
        .contains("NAME:Dr. Okonkwo", "NAME:Priya Raman");
    assertThat(found("Follow up for Maria Lopez, 45 years old.")).contains("NAME:Maria Lopez");
    assertThat(found("Patient Anna S. reports improvement.")).contains("NAME:Anna S.");
  }

  @Test
  void detect_namesWithoutTheNameLists_fromTheirShape() {
    // initials between words, what people do, lists with a known name, dialogue speakers, a name on its own line
    assertThat(found("The report by Ilmari K. Vesterholt was filed.")).contains("NAME:Ilmari K. Vesterholt");
    assertThat(found("Otso Raikkala lives at the coast.")).contains("NAME:Otso Raikkala");
    assertThat(found("The founders were Zubkov, Maria and Tervonen.")).contains("NAME:Zubkov", "NAME:Tervonen");
    assertThat(found("Ubul: where is it?\nKelda: over there.")).contains("NAME:Ubul", "NAME:Kelda");
    assertThat(found("Regards,\nVeikko Saarnio\nstaff nurse")).contains("NAME:Veikko Saarnio");
    // a name found once is found everywhere in the text
    assertThat(found("Seen with her son Aurelio Benedek today. Later, we saw that Aurelio ate."))
        .containsExactly("NAME:Aurelio Benedek", "NAME:Aurelio");
    assertThat(found("my name is lena okafor and i need help")).contains("NAME:lena okafor");
  }

  @Test
  void detect_namePatternsLeaveClinicalTextAlone() {
    assertThat(found("Metformin was started. Lisinopril and Atorvastatin continued.")).isEmpty();
    assertThat(found("Assessment: stable.\nPlan: follow up.")).isEmpty();
    assertThat(found("take 2 tablets every 6 hours")).isEmpty();
  }

  @Test
  void detect_streetsNamedTypeFirstAndAddressBlocks() {
    assertThat(found("Send it to 31 Rue de la Paix, please.")).contains("ADDRESS:31 Rue de la Paix");
    assertThat(found("She moved to ul. Lipowa 12 last year.")).contains("ADDRESS:ul. Lipowa 12");
    assertThat(found("Office: 233 Kossuth tér 19.\n Suite 4\n Szeged")).contains("ADDRESS:233 Kossuth tér 19.\n Suite 4\n Szeged");
    assertThat(found("Meet at the corner of Elm Street and Oak Lane.")).contains("ADDRESS:the corner of Elm Street and Oak Lane");
  }

  @Test
  void detect_namesInCapitalsText() {
    assertThat(found("PT SEEN WITH DAUGHTER MARGARET HALVORSON, VITALS STABLE, NO DISTRESS NOTED TODAY."))
        .contains("NAME:MARGARET HALVORSON");
  }

  @Test
  void detect_leavesEponymsAndClinicalWordsAlone() {
    assertThat(found("History of Parkinson's disease and Wilson disease; left hand pain 7/10.")).isEmpty();
    assertThat(found("What are the guidelines for a 55-year-old male with type 2 diabetes diagnosed in 2021?"))
        .isEmpty();
  }

  @Test
  void detect_datesInCommonFormats() {
    assertThat(found("Admitted 2019-11-02, seen 3/4/2020, again March 5th, 2021 and 12 Jan 2022; next 7/22."))
        .contains(
            "DATE:2019-11-02", "DATE:3/4/2020", "DATE:March 5th, 2021", "DATE:12 Jan 2022", "DATE:7/22");
    assertThat(found("Stay from 3/2-3/9 and Feb 3-5, 2020.")).contains("DATE:3/2-3/9", "DATE:Feb 3-5, 2020");
  }

  @Test
  void detect_contactNumbersAndIdentifiers() {
    String text =
        "Call (617) 555-0199, fax 617-555-0100, mail jo.doe@mail.example.org, SSN 123-45-6789, "
            + "MRN: AB-778812, see https://chart.example.org/p/1 from 192.168.10.4.";
    assertThat(found(text))
        .contains(
            "PHONE:(617) 555-0199", "FAX:617-555-0100", "EMAIL:jo.doe@mail.example.org", "SSN:123-45-6789",
            "MRN:AB-778812", "URL:https://chart.example.org/p/1", "IP:192.168.10.4");
  }

  @Test
  void detect_addressesFacilitiesAndAges() {
    assertThat(found("Lives at 42 Birch Hollow Road, Apt 3, Keene, NH 03431. Transferred to St. Agnes Hospital."))
        .anyMatch(s -> s.startsWith("ADDRESS:42 Birch Hollow Road"))
        .anyMatch(s -> s.contains("St. Agnes Hospital"));
    assertThat(found("A 93-year-old man; his wife is 88 years old.")).containsExactly("AGE:93");
  }

  @Test
  void scrub_shiftsDatesInTheirOwnFormat() {
    NoteScrubber s = new NoteScrubber(LEX, ReplacementMode.SURROGATES, DatePolicy.SHIFT, KEY);
    NoteScrubber.Result r = s.scrub("Seen 2021-03-15 and 03/29/2021, also March 20, 2021.", KnownIdentifiers.none(), "p", 10, 2021);
    assertThat(r.text()).isEqualTo("Seen 2021-03-05 and 03/19/2021, also March 10, 2021.");
  }

  @Test
  void scrub_safeHarborKeepsOnlyTheYear() {
    NoteScrubber s = new NoteScrubber(LEX, ReplacementMode.SURROGATES, DatePolicy.SAFE_HARBOR, KEY);
    assertThat(s.scrub("Seen 2021-03-15 and Feb 2, 2020.", KnownIdentifiers.none(), "p", 10, 2021).text())
        .isEqualTo("Seen 2021 and 2020.");
  }

  @Test
  void scrub_surrogatesAreConsistentWithinAPatientAndNotRealNames() {
    NoteScrubber s = new NoteScrubber(LEX, ReplacementMode.SURROGATES, DatePolicy.SHIFT, KEY);
    KnownIdentifiers known = KnownIdentifiers.builder().name("Zebulon").name("Quackenbush").build();
    String a = s.scrub("Zebulon Quackenbush came in.", known, "patient-1", 3, 2021).text();
    String b = s.scrub("Later Zebulon called.", known, "patient-1", 3, 2021).text();
    String other = s.scrub("Later Zebulon called.", known, "patient-2", 3, 2021).text();
    String first = a.split(" ")[0];
    assertThat(a).doesNotContain("Zebulon", "Quackenbush");
    assertThat(b).isEqualTo("Later " + first + " called.");
    assertThat(other).isNotEqualTo(b);
    assertThat(LEX.isName(first.toLowerCase())).isFalse();
  }

  @Test
  void scrub_knownIdentifiersOfThePatientAreRemoved() {
    KnownIdentifiers known =
        KnownIdentifiers.builder().name("Hand").identifier("S99916689", PhiType.LICENSE).build();
    String out = TAGS.scrub("Mr Hand, licence S99916689, hurt his left hand.", known, "p", 0, 2021).text();
    // the title belongs to the name span
    assertThat(out).isEqualTo("[NAME], licence [LICENSE], hurt his left hand.");
  }

  @Test
  void pseudonym_is32LowercaseHex_andNullStaysNull() {
    assertThat(KEY.pseudonym("abc")).matches("^[0-9a-f]{32}$").isEqualTo(KEY.pseudonym("abc"));
    assertThat(KEY.pseudonym(null)).isNull();
    assertThat(KEY.shiftDays("abc")).isBetween(1, 365);
    assertThat(KEY.toString()).doesNotContain("unit-test");
  }

  @Test
  void zip3_restrictedAndUnpopulatedPrefixesBecome000() {
    ZipCodes z = ZipCodes.load();
    assertThat(z.zip3("02138")).isEqualTo("021");
    assertThat(z.zip3("03601")).isEqualTo("000");
    assertThat(z.zip3("20201-1234")).isEqualTo("000");
    assertThat(z.zip3("09012")).isEqualTo("000");
    assertThat(z.zip3("00000")).isEqualTo("000");
    assertThat(z.zip3(null)).isNull();
  }
}
