package io.clinicalpipeline.jobs.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The note detector tries its large patterns only where a cheap test says a match can start; these tests check
 * that this finds exactly what {@link Matcher#find()} over every position finds.
 */
class AnchoredMatcherTest {

  /** Pieces of note text written for this test: each exercises one or more of the detector's patterns. */
  private static final String[] PIECES = {
    "Seen 3/4/2020 and 2019-11-02T08:30Z", "from 3/2-3/9", "on March 5th, 2021", "12 Jan 2022", "Feb 3-5, 2020",
    "last week", "next Monday", "Christmas Eve 2019", "7/22", "pain 7/10", "version 1.2.10", "may 5 be",
    "SSN 123-45-6789", "ssn: 123456789", "123 45 6789", "Call +1 (617) 555-0199 ext 12", "fax 617.555.0100",
    "phone 0044 20 7946 0958", "MRN: AB-778812", "medical record number is 00123456", "Member ID#XJ88213",
    "driver's license no. D1234567", "acct 88-1234", "NPI 1234567893", "case #2021-0045",
    "lives at 12 Elm Street, Apt 4B", "Springfield, MA 01101", "zip code: 02139", "1600 N Main St. Suite 200",
    "P.O. Box 123", "PSC 1234, Box 5678", "USS Nimitz", "APO AE 09012", "Via Roma 12", "Kossuth Lajos utca 4",
    "Hauptstraße 5", "Tiilitehtaankatu 17 B", "aged 93", "age of 101", "in her nineties", "a nonagenarian",
    "95 y/o", "94-year-old", "St. Mary's Hospital", "Mount Sinai Medical Center", "University of Chicago",
    "Lakeside Family Practice", "the Department of Health", "transferred to Boston", "born in São Paulo",
    "Dr. Okonkwo", "Mrs. Halvorson", "DR SMITH", "daughter Margaret", "patient Anna S.", "signed by Lee Wu",
    "I'm Ünal Çelik", "www.example.org/path", "https://chart.example.org/p/1", "jo.doe@mail.example.org",
    "10.0.0.1", "fe80::1:2:3", "IBAN DE44500105175407324931", "card 4111111111111111", "#A12345",
    "Faina D. Yefremova", "Maja S Hermansen", "Tomomi Nishiyama lives at", "Ana's family", "Kónya, Becker and Vasquez",
    "Park & Mann", "Ubul: What a wife.\nNicole: Remember me", "\n  Dreux Joly\n", "31 Rue Al Imam Al Bakri",
    "ul. Miła 53", "Via della Rosa 7", "Calle de la Paz", "Praça do Comércio 1", "said Jo", "Lee or Kim",
    "COVID-2019", "in 1990s", "2020-2021", "lot 12-AB-99", "x_2020-01-01", "éa12345", "_123-45-6789",
    "(555)", "++44", "8-10", "300 mg", "12 units", "Room 5", "Parkinson's disease", "Hand", "ICU", "O'Brien",
    "\"Fine,\" says Hartvold.", "Kelvo, can I go", "go home, Ilse!", "NS B3H 4R2", "> Freja Clausen\n", "zip code is 4471",
    "ZIP: 2518 KD", "flew to Harstad", "Where: Lund", "Maika van de Noort", "Villafranca del Cid", "0412 7730915-Office",
    "during 2017", "the summer of 2009", "Act of 1998", "of 20190", "12 rue des lilas 4", "88 calle mayor 3", "7 Rua Nova",
  };

  /** Pieces for patterns added later, glued to the first ones in further texts (the first 400 stay as they were). */
  private static final String[] MORE_PIECES = {
    "in 2014", "a 2005 film", "since 1998", "Kelda's address", "Lena’s home phone", "name on the card? Caller: Ilse Marrow",
    "Name?\nJo K. Berg", "C/ Mayor 5", "AC/ Mayor 5", "33 avenue de la Gare", "9 Boulevard d'Italie", "Via dei Mille 12",
  };

  private static final String[] GLUE = {" ", ", ", "\n", "; ", "", "-", "/", "(", "#", " \t", ". ", ":", "’", "é"};

  static List<String> texts() {
    List<String> out = new ArrayList<>(List.of(PIECES));
    Random r = new Random(20240601);
    for (int k = 0; k < 400; k++) {
      StringBuilder b = new StringBuilder();
      int parts = 1 + r.nextInt(6);
      for (int p = 0; p < parts; p++) {
        b.append(PIECES[r.nextInt(PIECES.length)]).append(GLUE[r.nextInt(GLUE.length)]);
      }
      String t = b.toString();
      out.add(r.nextInt(4) == 0 ? t.toUpperCase(Locale.ROOT) : t);
    }
    out.addAll(List.of(MORE_PIECES));
    List<String> all = new ArrayList<>(List.of(PIECES));
    all.addAll(List.of(MORE_PIECES));
    Random more = new Random(20261127);
    for (int k = 0; k < 150; k++) {
      StringBuilder b = new StringBuilder(MORE_PIECES[more.nextInt(MORE_PIECES.length)]);
      int parts = more.nextInt(5);
      for (int p = 0; p < parts; p++) {
        b.append(GLUE[more.nextInt(GLUE.length)]).append(all.get(more.nextInt(all.size())));
      }
      String t = b.toString();
      out.add(more.nextInt(4) == 0 ? t.toUpperCase(Locale.ROOT) : t);
    }
    return out;
  }

  private static List<String> plain(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.start() + "-" + m.end());
    }
    return out;
  }

  private static List<String> anchored(Pattern p, String text, AnchoredMatcher.Starts starts) {
    List<String> out = new ArrayList<>();
    if (starts == null) {
      return out;
    }
    AnchoredMatcher m = new AnchoredMatcher(p, text, AnchoredMatcher.Tokens.of(text), starts);
    while (m.find()) {
      out.add(m.start() + "-" + m.end());
    }
    return out;
  }

  private static void assertSame(String name, Pattern p, String text, AnchoredMatcher.Starts starts) {
    assertThat(anchored(p, text, starts)).as(name + " in <%s>", text).isEqualTo(plain(p, text));
  }

  @Test
  void find_sameMatchesAsMatcherFind_forEveryAnchoredPattern() {
    int matches = 0;
    for (String text : texts()) {
      AnchoredMatcher.Tokens tokens = AnchoredMatcher.Tokens.of(text);
      int[] digits = TextScan.digitStarts(text, tokens);
      assertSame("DATE", DateRecogniser.DATE, text, DateRecogniser::dateStart);
      assertSame("SSN", ContactRecogniser.SSN, text, ContactRecogniser::ssnStart);
      assertSame("ZIP", AddressBlocks.ZIP, text, AddressBlocks::zipStart);
      assertSame("STREET", StreetPatterns.STREET, text, StreetPatterns::streetStart);
      assertSame("PHONE", ContactRecogniser.PHONE, text, ContactRecogniser::phoneStart);
      assertSame("AGE", AgeRecogniser.AGE, text, AgeRecogniser::ageStart);
      assertSame("SECONDARY_UNIT", StreetPatterns.SECONDARY_UNIT, text, StreetPatterns::unitStart);
      assertSame("PO_BOX", StreetPatterns.PO_BOX, text, StreetPatterns::poBoxStart);
      assertSame("IBAN", IdRecogniser.IBAN, text, IdRecogniser::ibanStart);
      assertSame("URL", ContactRecogniser.URL, text, ContactRecogniser::urlStart);
      assertSame("IP", ContactRecogniser.IP, text, ContactRecogniser::ipStart);
      assertSame("CODE_TOKEN", IdRecogniser.CODE_TOKEN, text, IdRecogniser::codeTokenStart);
      assertSame("LOCATION_TRIGGER", PlaceRecogniser.LOCATION_TRIGGER, text, PlaceRecogniser::locationTriggerStart);
      assertSame("TITLE", NamePatterns.TITLE, text, NamePatterns::titleStart);
      assertSame("NAME_CONTEXT", NamePatterns.NAME_CONTEXT, text, NamePatterns::nameContextStart);
      assertSame("LABELLED_ID", IdRecogniser.LABELLED_ID, text, IdRecogniser.labelStarts(text, digits));
      assertSame("WORD_NUMBER", StreetPatterns.WORD_NUMBER, text, StreetRecogniser.wordNumberStarts(text, digits));
      assertSame("FACILITY", FacilityRecogniser.FACILITY, text, FacilityRecogniser.facilityStarts(text, tokens));
      assertSame("STREET_TYPE_FIRST", StreetPatterns.STREET_TYPE_FIRST, text, StreetPatterns::streetTypeFirstStart);
      assertSame("FIRST_INITIAL_LAST", NamePatterns.FIRST_INITIAL_LAST, text, NamePatterns::capitalStart);
      assertSame("SPEAKER", NamePatterns.SPEAKER, text, NamePatterns::lineStartCapital);
      assertSame("NAME_LINE", NamePatterns.NAME_LINE, text, NamePatterns::lineStartCapital);
      assertSame("QUOTE_SPEAKER", NamePatterns.QUOTE_SPEAKER, text, NamePatterns::quoteEndStart);
      assertSame("VOCATIVE", NamePatterns.VOCATIVE, text, NamePatterns::capitalStart);
      assertSame("POSTAL_CA", AddressBlocks.POSTAL_CA, text, AddressBlocks::postalCaStart);
      assertSame("CONTEXT_YEAR", DateRecogniser.CONTEXT_YEAR, text, DateRecogniser::yearStart);
      assertSame("YEAR_AFTER_WORD", DateRecogniser.YEAR_AFTER_WORD, text, DateRecogniser::yearStart);
      assertSame("OWNER_OF_IDENTIFIER", NamePatterns.OWNER_OF_IDENTIFIER, text, NamePatterns::capitalStart);
      assertSame("NAME_ANSWER", NamePatterns.NAME_ANSWER, text, NamePatterns::nameWordStart);
      assertSame("STREET_TYPE_FIRST_NUMBERED", StreetPatterns.STREET_TYPE_FIRST_NUMBERED, text, StreetPatterns::streetStart);
      assertSame("BEFORE_PERSON_VERB", NamePatterns.BEFORE_PERSON_VERB, text,
          NamePatterns.wordsBefore(text, tokens, NamePatterns.PERSON_VERB_PREFIXES, NamePatterns.PERSON_VERB_GAPS));
      assertSame("NAME_LIST", NamePatterns.NAME_LIST, text,
          NamePatterns.wordsBefore(text, tokens, NamePatterns.CONJUNCTION_PREFIXES, 12));
      matches += plain(DateRecogniser.DATE, text).size() + plain(FacilityRecogniser.FACILITY, text).size();
    }
    assertThat(matches).as("the texts exercise the patterns").isGreaterThan(200);
  }

  @Test
  void find_aTestThatMissesAStartMissesTheMatch() {
    // the contract is the caller's: a test that rejects a real start loses that match ("4/2020" is left)
    String text = "seen 3/4/2020 and 5/6/2021";
    assertThat(anchored(DateRecogniser.DATE, text, (t, i) -> i != 5)).containsExactly("7-13", "18-26");
    assertThat(anchored(DateRecogniser.DATE, text, (t, i) -> false)).isEmpty();
    assertThat(anchored(DateRecogniser.DATE, text, DateRecogniser::dateStart)).containsExactly("5-13", "18-26");
  }
}
