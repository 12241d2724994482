package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.NoteScrubberTest.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rules added to reach more PHI forms, each with a case it must find and one it must leave alone. */
class NoteDetectorRecallTest {

  @Test
  void phones_withLongGroupsHyphenatedLabelsDotsAndPhoneWords() {
    assertThat(found("Her mobile is 44 391827 now.")).contains("PHONE:44 391827");
    assertThat(found("Reach me at 0412 7730915 tomorrow.")).contains("PHONE:0412 7730915");
    assertThat(found("call 020 7946 0321-Office or 0161 496 0754-Home"))
        .anyMatch(s -> s.startsWith("PHONE:020 7946 0321"))
        .anyMatch(s -> s.startsWith("PHONE:0161 496 0754"));
    assertThat(found("Office 612.555.0142 after noon.")).contains("PHONE:612.555.0142");
    assertThat(found("Phone:\n381 2297")).contains("PHONE:381 2297");
    assertThat(found("Please call me on 274 6610 today.")).contains("PHONE:274 6610");
    // seven digits split by a space with no phone word stay numbers; decimals stay numbers
    assertThat(found("She walked 381 2297 steps in total.")).isEmpty();
    assertThat(found("Creatinine 1.2.3 and the ratio 612.55 were noted.")).isEmpty();
  }

  @Test
  void postalCodes_afterLabelsAfterPlacesAndCanadianForm() {
    assertThat(found("My zip code is 4471")).contains("ZIP:4471");
    assertThat(found("postal code: 118 42")).contains("ZIP:118 42");
    assertThat(found("ZIP: 2518 KD")).contains("ZIP:2518 KD");
    assertThat(found("Mail it to Halifax, NS B3H 4R2 please.")).anyMatch(s -> s.contains("B3H 4R2"));
    assertThat(found("She works in Springfield 62704 now.")).anyMatch(s -> s.contains("62704"));
    // a year after a place stays a year; "zip code is high" is no code
    assertThat(found("She moved to Springfield 2014 and stayed.")).noneMatch(s -> s.contains("2014"));
    assertThat(found("Her A1C 7.2 last time, A1C of 8 before.")).isEmpty();
  }

  @Test
  void weekdays_inLowerCase() {
    assertThat(found("we meet on friday morning")).contains("DATE:friday");
  }

  @Test
  void addressBlocks_quotedLinesAndStreetsOnOneLine() {
    assertThat(found("> Otso Raikkala\n> 12 Kuusitie 4\n> Suite 8\n> Lahti\n> Finland 15100"))
        .contains("ADDRESS:12 Kuusitie 4\n> Suite 8\n> Lahti\n> Finland 15100");
    // a number at the end of one line and a street type at the start of the next are no street
    assertThat(found("Weight 1994\nSt Georges, QC 54256")).noneMatch(s -> s.startsWith("ADDRESS:1994"));
  }

  @Test
  void places_afterTravelWordsLabelsAndWithParticles() {
    assertThat(found("Mr. Berg flew to Harstad on Monday.")).contains("LOCATION:Harstad");
    assertThat(found("Where: Tallberg Country Club.")).contains("LOCATION:Tallberg Country Club");
    assertThat(found("She returned to Villafranca del Cid in May.")).contains("LOCATION:Villafranca del Cid");
    assertThat(found("Her home city Lemvig: small.")).contains("LOCATION:Lemvig");
    assertThat(found("He returned to baseline. Returned to ED. The patient returned to Clinic.")).isEmpty();
  }

  @Test
  void names_quoteSpeakersVocativesAndGreetings() {
    assertThat(found("\"It went well,\" says Hartvold.")).contains("NAME:Hartvold");
    assertThat(found("Kelvo, can I please speak to you?")).contains("NAME:Kelvo");
    assertThat(found("Time to go home, Ilse!")).contains("NAME:Ilse");
    assertThat(found("Hi Veneta, thanks for the update.")).contains("NAME:Veneta");
    assertThat(found("Directed By:    Joram Vesk")).contains("NAME:Joram Vesk");
    // drugs and roles in the same places stay
    assertThat(found("The patient said Tylenol helps. Family said Lisinopril was stopped.")).isEmpty();
    assertThat(found("Pain noted, Tylenol? Hello, Doctor!")).isEmpty();
  }

  @Test
  void names_withParticlesSuffixesInitialsAndMonthFirstNames() {
    assertThat(found("Seen by Maika van de Noort today.")).contains("NAME:Maika van de Noort");
    assertThat(found("Willemine ten Pas will be here.")).contains("NAME:Willemine ten Pas");
    assertThat(found("Signed: Giovanna Rodrigues MD")).anyMatch(s -> s.endsWith("Giovanna Rodrigues MD"));
    assertThat(found("The film by Brad L Key opened.")).contains("NAME:Brad L Key");
    assertThat(found("Follow up with Jan Vrbovský next week.")).anyMatch(s -> s.startsWith("NAME:Jan Vrbovsk"));
    assertThat(found("Seen Jan 5 and May 12.")).noneMatch(s -> s.startsWith("NAME"));
    assertThat(found("Crohn disease flare; Parkinson Disease stable; van transport arranged.")).isEmpty();
  }

  @Test
  void names_inTextsWithoutCapitals() {
    assertThat(found("follow up with eva kleistrup in two weeks")).contains("NAME:eva kleistrup");
    assertThat(found("referred by emidio p lombardo")).anyMatch(s -> s.contains("emidio p lombardo"));
    assertThat(found("their kids: silvana, adam, kristina and caleb.")).contains("NAME:silvana", "NAME:caleb");
    assertThat(found("pt has crohn disease and takes humira, metformin and lisinopril")).isEmpty();
    assertThat(found("max dose of tylenol given, grace period noted")).isEmpty();
  }

  @Test
  void names_onQuotedLines() {
    assertThat(found("> Freja Clausenberg\n> Opencounter")).contains("NAME:Freja Clausenberg");
  }

  @Test
  void countries_anywhereCapitalisedAndInTextsWithoutCapitals() {
    assertThat(found("She spent the winter in Portugal and then Norway.")).contains("LOCATION:Portugal", "LOCATION:Norway");
    assertThat(found("Iceland was cold. He is back from the United Kingdom.")).contains("LOCATION:Iceland", "LOCATION:United Kingdom");
    assertThat(found("TRIP TO PERU, FEVER AND RASH SINCE THE RETURN, NO COUGH NOTED.")).contains("LOCATION:PERU");
    assertThat(found("she flew home from ghana with a cough")).contains("LOCATION:ghana");
    assertThat(found("We moved here from Cyprus (North) in May.")).contains("LOCATION:Cyprus (North)");
    // acronyms, a first name before a surname, ordinary words
    assertThat(found("CHAD2 score noted. Chad Whitfield visited. Turkey sandwich for lunch."))
        .noneMatch(s -> s.startsWith("LOCATION"));
    assertThat(found("fed a guinea pig and ate turkey")).isEmpty();
  }

  @Test
  void places_onTheLineAboveACountryAndAfterUnits() {
    assertThat(found("Oskar Vellinga\nVarkholm\nNorway")).contains("LOCATION:Varkholm\nNorway");
    assertThat(found("> Tessa Moorland\n> 12 Elm Street\n> Lhota u Brodu\n> Czechia 70030"))
        .contains("ADDRESS:12 Elm Street\n> Lhota u Brodu\n> Czechia 70030");
    assertThat(found("Mail to 41 Kettle Lane Apt. 7 BRAMSBY Norway today."))
        .contains("ADDRESS:41 Kettle Lane Apt. 7 BRAMSBY Norway");
    assertThat(found("MAIL TO 41 KETTLE LANE APT. 7 BRAMSBY NORWAY TODAY PLEASE."))
        .anyMatch(s -> s.startsWith("ADDRESS:41 KETTLE LANE APT. 7 BRAMSBY"));
    // an ordinary word on the line above a country is no town
    assertThat(found("Symptoms since the trip\nFever\nKenya")).doesNotContain("LOCATION:Fever");
  }

  @Test
  void streets_typeFirstInAnyCaseAfterAHouseNumberAndAfterPeople() {
    assertThat(found("Lives at 12 rue des lilas 4 with her son.")).anyMatch(s -> s.startsWith("ADDRESS:12 rue des lilas 4"));
    assertThat(found("send it to 88 calle mayor 3, please")).contains("ADDRESS:88 calle mayor 3");
    assertThat(found("Marta lives on Kvistgasse 14 now.")).contains("ADDRESS:Kvistgasse 14");
    // a dose after a name stays a dose
    assertThat(found("Metoprolol Tartrate 25 mg daily.")).isEmpty();
  }

  @Test
  void places_inTextsWithoutCapitalsAndNamesStartingWithNew() {
    assertThat(found("my aunt lives in tromsvik now")).contains("LOCATION:tromsvik");
    assertThat(found("he returned to baseline and lives in town")).isEmpty();
    assertThat(found("Ms. Orr flew to New Brigham on Sunday.")).contains("LOCATION:New Brigham");
  }

  @Test
  void years_inDateContextsButNotAfterIn() {
    assertThat(found("During 2011, the clinic doubled in size.")).contains("DATE:2011");
    assertThat(found("It was the summer of 2009 and the Housing Act of 1998 had passed."))
        .contains("DATE:2009", "DATE:1998");
    assertThat(found("DURING 2011 SHE WORKED ABROAD AND CAME BACK WITH A COUGH.")).contains("DATE:2011");
    assertThat(found("A total of 2000 steps; diagnosed in 2015; guidelines from 2023.")).isEmpty();
  }

  @Test
  void years_afterInOrAInASentenceThatNamesSomeone() {
    assertThat(found("Tomasz Wierzbicki moved to Gdynia in 2014 with his wife.")).contains("DATE:2014");
    assertThat(found("Orla Brennan starred in a 2005 Irish comedy.")).contains("DATE:2005");
    // the sentence ends at a full stop, not at an abbreviation ("Ltd.") or an initial
    assertThat(found("Hollis Ltd. hired Mr. Dunmore P. Vance since 1998 as clerk.")).contains("DATE:1998");
    assertThat(found("Seen by Dr. Ferreira today. Diagnosed with lupus in 2019.")).noneMatch(s -> s.contains("2019"));
    assertThat(found("Ms. Okafor takes 2000 mg daily.")).noneMatch(s -> s.contains("2000"));
    assertThat(found("Diagnosed with lupus in 2019 and treated since 2020.")).isEmpty();
  }

  @Test
  void names_afterLowerCaseTitlesAsOwnersOfIdentifiersAndAsAnswersToNameQuestions() {
    assertThat(found("Please copy ms. Okonkwo on the letter.")).anyMatch(s -> s.startsWith("NAME:") && s.endsWith("Okonkwo"));
    assertThat(found("She has ms. Symptoms stable.")).noneMatch(s -> s.startsWith("NAME:"));
    assertThat(found("Please send Okonkwo's address to the office.")).contains("NAME:Okonkwo");
    assertThat(found("The Patient's address is on file.")).noneMatch(s -> s.startsWith("NAME:"));
    assertThat(found("Agent: What name is the booking under? Caller: Orsolya Varnholt")).contains("NAME:Orsolya Varnholt");
    assertThat(found("What is the name of the drug? Metformin.")).isEmpty();
  }

  @Test
  void names_inLowerCaseSpeakersAndWithAnInitial() {
    assertThat(found("mika: where were you?\ntracy: at home.")).contains("NAME:mika", "NAME:tracy");
    assertThat(found("tracy: at home.")).isEmpty();
    assertThat(found("plan: rest\nnote: stable")).isEmpty();
    assertThat(found("please ask orvin k talbeck about it")).contains("NAME:orvin k talbeck");
    assertThat(found("check vitamin d level and hepatitis b status")).isEmpty();
    assertThat(found("they want to become a market-leading team")).isEmpty();
  }

  @Test
  void names_aSentenceInitialForeignWordBeforeAnUnknownOne() {
    assertThat(found("Bożydar Kwiatkowski of Acme spoke first.")).contains("NAME:Bożydar Kwiatkowski");
    assertThat(found("Tomás Kwiatkowski of Acme spoke first.")).anyMatch(s -> s.contains("Kwiatkowski"));
    // an English-spelled word at a sentence start is not enough
    assertThat(found("Bright Kwiatkowski of Acme spoke first.")).noneMatch(s -> s.contains("Bright"));
  }

  @Test
  void streets_foreignParticlesAbbreviationsAndAfterOnOrAt() {
    assertThat(found("She lives on Via dei Mille 12 now.")).contains("ADDRESS:Via dei Mille 12");
    assertThat(found("Send it to C/ Mayor Alta 5, please.")).anyMatch(s -> s.startsWith("ADDRESS:C/ Mayor Alta 5"));
    assertThat(found("Booked a C/ Section in 2 weeks.")).noneMatch(s -> s.startsWith("ADDRESS"));
    assertThat(found("Send it to Rua Alves e Silva 40, please.")).contains("ADDRESS:Rua Alves e Silva 40");
    assertThat(found("Her flat is at 33 avenue de la Gare now.")).anyMatch(s -> s.startsWith("ADDRESS:33 avenue de la Gare"));
    assertThat(found("Give 10 impasse doses.")).isEmpty();
    assertThat(found("The shop is on Peter Vosstraat 18.")).contains("ADDRESS:Peter Vosstraat 18");
    assertThat(found("Continue on Eliquis 5. Started on Toprol XL 50.")).noneMatch(s -> s.startsWith("ADDRESS"));
    assertThat(found("Seen at Oakvale Hospital on April 12, 2023 for pain.")).noneMatch(s -> s.startsWith("ADDRESS"));
  }

  @Test
  void places_withDistrictsAndTownsBetweenAddressAndCountry() {
    assertThat(found("She works in Brno 2, then left.")).contains("LOCATION:Brno 2");
    assertThat(found("She works in Brno 2 days a week.")).noneMatch(s -> s.contains("2"));
    assertThat(found("Where: Tallberg (Dalarna) Country Club.")).anyMatch(s -> s.contains("Tallberg (Dalarna)"));
    assertThat(found("address: 12 rua do sol 4, vilanova, portugal")).contains("ADDRESS:12 rua do sol 4, vilanova, portugal");
    assertThat(found("address: 12 rua do sol 4, near the old market, portugal"))
        .noneMatch(s -> s.contains("market"));
  }

  @Test
  void greekLetters_typedWithMathematicalLookAlikes() {
    assertThat(NoteDetector.greekLookAlikes("\u039d\u0395\u0391 \u03a0\u0395\u2206\u0399\u0391 \u03c6\u03bb\u03b1\u2206\u03b9"))
        .isEqualTo("\u039d\u0395\u0391 \u03a0\u0395\u0394\u0399\u0391 \u03c6\u03bb\u03b1\u03b4\u03b9");
    String text = "Originally from \u039d\u0395\u0391 \u03a0\u0395\u2206\u0399\u0391, she works here.";
    assertThat(found(text)).contains("LOCATION:\u039d\u0395\u0391 \u03a0\u0395\u2206\u0399\u0391");
  }

  @Test
  void years_shiftLikeTheMiddleOfTheYearAndStayUnderSafeHarbor() {
    NoteScrubber shift = new NoteScrubber(NoteScrubberTest.LEX, ReplacementMode.SURROGATES, DatePolicy.SHIFT, NoteScrubberTest.KEY);
    NoteScrubber safeHarbor =
        new NoteScrubber(NoteScrubberTest.LEX, ReplacementMode.SURROGATES, DatePolicy.SAFE_HARBOR, NoteScrubberTest.KEY);
    String text = "During 2011 she worked abroad.";
    assertThat(shift.scrub(text, KnownIdentifiers.none(), "p", 10, 2020).text()).isEqualTo(text);
    assertThat(shift.scrub(text, KnownIdentifiers.none(), "p", 200, 2020).text()).isEqualTo("During 2010 she worked abroad.");
    assertThat(safeHarbor.scrub(text, KnownIdentifiers.none(), "p", 200, 2020).text()).isEqualTo(text);
  }
}
