package io.clinicalpipeline.jobs.deid;

import static io.clinicalpipeline.jobs.deid.DateRecogniser.*;
import static io.clinicalpipeline.jobs.deid.AgeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.ContactRecogniser.*;
import static io.clinicalpipeline.jobs.deid.IdRecogniser.*;
import static io.clinicalpipeline.jobs.deid.StreetPatterns.*;
import static io.clinicalpipeline.jobs.deid.AddressBlocks.*;
import static io.clinicalpipeline.jobs.deid.FacilityRecogniser.*;
import static io.clinicalpipeline.jobs.deid.PlaceRecogniser.*;
import static io.clinicalpipeline.jobs.deid.TextScan.*;
import static io.clinicalpipeline.jobs.deid.StreetRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameWords.*;
import static io.clinicalpipeline.jobs.deid.NameShapeRecogniser.*;
import static io.clinicalpipeline.jobs.deid.LowerCaseNameRecogniser.*;
import static io.clinicalpipeline.jobs.deid.NameConsistency.*;
import static io.clinicalpipeline.jobs.deid.NoteDetector.*;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The name patterns (titles, name contexts, speakers, vocatives, lists) and where each can start. */
final class NamePatterns {

  private static final Lexicon LEXICON = Lexicon.get();

  private NamePatterns() {}

  static final Pattern TITLE =
      Pattern.compile(
          "\\b(?:Dr|DR|Mr|MR|Mrs|MRS|Ms|MS|Miss|MISS|Mx|Prof|PROF|Rev|Sr|Sra|Srta|Herr|Frau|Mme|Mlle|Doctor|DOCTOR|Dra|(?:dr|mr|mrs|ms|mx|prof)(?=\\.))\\.?\\s+"
              + "([\\p{Lu}][\\p{L}'’-]*\\.?(?:\\s[\\p{Lu}][\\p{L}'’-]*\\.?){0,3})");

  /** Small words inside surnames: "Dyan van Gijn", "Maika van de Noort", "Willemine ten Pas". */
  static final List<String> NAME_PARTICLE_LIST =
      List.of("van", "von", "de", "der", "den", "ten", "ter", "da", "di", "del", "della", "du", "le", "la", "dos", "das");

  static final Set<String> NAME_PARTICLE_WORDS = Set.copyOf(NAME_PARTICLE_LIST);

  /** The particles as a regex, with their two-word forms ("van de", "von der"). */
  static final String NAME_PARTICLES =
      "(?-i:" + String.join("|", NAME_PARTICLE_LIST) + "|van de|van der|van den|von der)";

  static final Pattern NAME_CONTEXT =
      Pattern.compile(
          "(?i:\\b(?:patient|pt\\.?|name is|name:|named|called|i am|i'm|my name|dear|son|daughter|wife|husband|mother|father|mom|dad|brother|sister|spouse"
              + "|partner|friend|neighbou?r|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|niece|nephew|caregiver|guardian"
              + "|signed by|seen by|referred by|attending|resident|nurse|np|pa-c|pcp|provider|physician|surgeon|cc:|contact|by"
              + "|name\\?|last name|first name|full name|call me|calls me|kid|child|baby|assistant to|directed by|written by|starring"
              + "|hi|hello|hey))(?::[ \\t]*|\\s+)"
              + "([\\p{Lu}][\\p{L}'’-]*\\.?(?:\\s(?:" + NAME_PARTICLES + "\\s)?[\\p{Lu}][\\p{L}'’-]*\\.?){0,2})");

  /** "Faina D. Yefremova", "Maja S Hermansen": a capitalised word, an initial and another capitalised word. */
  static final Pattern FIRST_INITIAL_LAST =
      Pattern.compile("\\b(\\p{Lu}[\\p{L}'’-]+)\\s+\\p{Lu}\\.?\\s+(\\p{Lu}[\\p{L}'’-]+)\\b");

  /** One to three capitalised words followed by what people do: "Tomomi Nishiyama lives at ...". */
  static final Pattern BEFORE_PERSON_VERB =
      Pattern.compile(
          "\\b(\\p{Lu}[\\p{L}'’-]+(?:\\s\\p{Lu}\\.?)?(?:\\s(?:" + NAME_PARTICLES + "\\s)?\\p{Lu}[\\p{L}'’-]+){0,2})(?:['’]s)?\\s+(?:lives|lived|resides|resided|is from|was born|"
              + "works|worked|said|says|told|shouted|spent|will be|has been|had given|had|is very|wrote|began|sings|sang|"
              + "reports|reported|denies|denied|complains|complained|presents|presented|states|stated|killers|kid|family)\\b");

  /** Capitalised single words in a list: "Kónya, Becker and Vasquez". */
  static final Pattern NAME_LIST =
      Pattern.compile(
          "\\b\\p{Lu}[\\p{L}'’-]+(?:,\\s+\\p{Lu}[\\p{L}'’-]+){1,10},?\\s+(?:and|&|or)\\s+\\p{Lu}[\\p{L}'’-]+\\b"
              + "|\\b\\p{Lu}[\\p{L}'’-]+\\s+(?:and|&)\\s+\\p{Lu}[\\p{L}'’-]+\\b");

  /** A line that is only a name: "Dreux Joly", "Hanne I. Kreutzmann". */
  static final Pattern NAME_LINE =
      Pattern.compile("(?m)(?<=^[ \\t]{0,8}(?:[" + LINE_MARKS + "]{1,3}[ \\t]{1,3})?)(\\p{Lu}[\\p{L}'’-]+(?:[ \\t]+\\p{Lu}\\.?)?(?:[ \\t]+(?:" + NAME_PARTICLES + "[ \\t]+)?\\p{Lu}[\\p{L}'’-]+){1,2})[ \\t]*$");

  /** Name contexts in a text without capitals; the name is one or two words after them. */
  static final Pattern NAME_CONTEXT_LOWER =
      Pattern.compile(
          "\\b(?:name is|name:|named|called|i am|i'm|dear|call me|calls me|with|maiden name is|by|son|daughter|wife|husband|"
              + "mother|father|brother|sister|friend|patient|dr\\.?|mr\\.?|mrs\\.?|ms\\.?)\\s+"
              + "(\\p{Ll}[\\p{L}'’-]+(?:\\s\\p{Ll}\\.?(?!\\p{L}))?(?:\\s\\p{Ll}[\\p{L}'’-]+)?)");

  /** The speaker after a quote: "... direction," says Okonkwo. */
  static final Pattern QUOTE_SPEAKER =
      Pattern.compile("[\"”'’!?,.][ \\t]*(?:says|said|asks|asked|replied|replies|added|adds|wrote|explained|explains|continued)[ \\t]+"
          + "(\\p{Lu}[\\p{L}'’-]+(?:[ \\t](?:" + NAME_PARTICLES + "[ \\t])?\\p{Lu}[\\p{L}'’-]+)?)");

  /** A name someone is addressed by: "Warrane, can I ...", "... go home, Ilse!" */
  static final Pattern VOCATIVE =
      Pattern.compile("(?m)(?<=^[ \\t\"]{0,3})(\\p{Lu}[\\p{L}'’-]+),[ \\t]+(?:can|could|would|will|please|do|did|have)[ \\t]+(?:I|you|we)\\b"
          + "|(?<=,[ \\t])(\\p{Lu}[\\p{L}'’-]+)(?=[ \\t]?[!?])");

  /** Degrees and generational suffixes after a name. */
  static final Pattern NAME_SUFFIX =
      Pattern.compile("^,?[ ](?:MD|M\\.D\\.|DDS|D\\.D\\.S\\.|DMD|PhD|Ph\\.D\\.|DO|RN|NP|PA-C|Jr\\.?|Sr\\.?|II|III|IV|Esq\\.?)(?![\\p{L}\\d])");

  /** Two lower-case words, maybe with an initial between them: a name when the lexicon agrees. */
  static final Pattern LOWER_NAME_PAIR =
      Pattern.compile("\\b(\\p{Ll}[\\p{Ll}'’-]+)[ ](?:(\\p{Ll})\\.?[ ])?(\\p{Ll}[\\p{Ll}'’-]+)\\b");

  /** Lower-case words in a list: "anna, petra, karl and ulla". */
  static final Pattern LOWER_NAME_LIST =
      Pattern.compile("\\b\\p{Ll}[\\p{Ll}'’-]+(?:,[ ]\\p{Ll}[\\p{Ll}'’-]+){2,10},?[ ](?:and|or)[ ]\\p{Ll}[\\p{Ll}'’-]+\\b");

  /** Whose identifier it is: "Okafor's address", "Lena's phone number". */
  static final Pattern OWNER_OF_IDENTIFIER =
      Pattern.compile("\\b(\\p{Lu}[\\p{L}-]*)['’]s[ \\t]+(?:(?:home|new|current|old|work|mobile|cell|mailing|e-mail|email)[ \\t]+)?"
          + "(?:address|phone|telephone|number|e-mail|email|house|apartment|flat|birthday|date of birth|ssn|social security|mrn)\\b");

  /** The reply to a question for a name: "What's the name on the account? User: Anna Berg". */
  static final Pattern NAME_ANSWER =
      Pattern.compile("\\b(?i:name)\\b[^?\\n]{0,40}\\?[ \\t]*(?:\\n[ \\t]*)?(?:\\p{L}{1,12}:[ \\t]*)?"
          + "(\\p{Lu}[\\p{L}'’-]+(?:[ \\t]\\p{Lu}\\.?(?!\\p{L}))?(?:[ \\t]\\p{Lu}[\\p{L}'’-]+){0,2})");

  /** A speaker's label at the start of a line in a text without capitals: "mika: who are you?" */
  static final Pattern LOWER_SPEAKER = Pattern.compile("(?m)^[ \\t]{0,8}(\\p{Ll}[\\p{Ll}'’-]+):[ \\t]*\\S");

  /** A speaker's name at the start of a line: "Ubul: What a wife." */
  static final Pattern SPEAKER = Pattern.compile("(?m)(?<=^[ \\t]{0,8})(\\p{Lu}[\\p{L}'’-]+):[ \\t]*\\S");

  static final Set<String> MEDICAL_ACRONYMS =
      Set.of(
          "ICU", "ED", "ER", "OR", "PACU", "NICU", "PICU", "MICU", "SICU", "CCU", "CT", "MRI", "PET", "EKG", "ECG",
          "EEG", "EMG", "AIDS", "HIV", "COPD", "CHF", "CAD", "CKD", "ESRD", "GERD", "IBS", "IBD", "UTI", "DVT",
          "PE", "MI", "CVA", "TIA", "US", "USA", "UK", "EU", "BP", "HR", "RR", "IV", "IM", "PO", "PRN", "BMI",
          "AM", "PM", "MD", "RN", "NP", "PA", "DO", "PT", "OT", "ST", "SNF", "LTC", "ALF", "ADHD", "PTSD", "OCD",
          "MS", "ALS", "SLE", "RA", "OA", "TB", "RSV", "COVID", "SARS", "MRSA", "VRE", "ACE", "ARB", "NSAID",
          "SSRI", "SNRI", "TNF", "IL", "CBC", "CMP", "BMP", "LFT", "TSH", "PSA", "HPV", "HCV", "HBV", "STD", "STI",
          "FDA", "CDC", "WHO", "NIH", "AHA", "ACC", "ADA", "USPSTF", "NCCN", "ASCO", "IDSA", "ACOG", "AAP", "ACR",
          "GOLD", "KDIGO", "ESC", "NICE", "HEENT", "CV", "GI", "GU", "MSK", "NEURO", "PSYCH", "A1C", "LDL", "HDL",
          "CHA", "DS", "VASc", "NYHA", "ECOG", "ASA", "DNR", "DNI", "POLST", "HIPAA", "EHR", "EMR", "NPO", "OTC",
          "I", "II", "III", "V", "VI", "MRN", "ID", "SSN", "DOB", "IVF", "IUD", "ICD", "CPT", "LOINC", "SNOMED");

  static final Pattern NAME_MARKS = Pattern.compile("[.'’]");

  static final Pattern TRAILING_NAME_MARKS = Pattern.compile("[.'’]+$");

  static final Pattern POSSESSIVE = Pattern.compile("['’]s$");

  static final Pattern TRAILING_MARKS = Pattern.compile("['’-]+$");

  static final Set<String> TITLE_WORDS =
      Set.of("Dr", "DR", "Mr", "MR", "Mrs", "MRS", "Ms", "MS", "Miss", "MISS", "Mx", "Prof", "PROF", "Rev", "Sr", "Sra",
          "Srta", "Herr", "Frau", "Mme", "Mlle", "Doctor", "DOCTOR", "Dra");

  /** Titles typed in lower case ("ms. Okafor"); only with their full stop, so "ms" and "dr" alone stay words. */
  static final Set<String> LOWER_CASE_TITLES = Set.of("dr", "mr", "mrs", "ms", "mx", "prof");

  static final Set<String> NAME_CONTEXT_WORDS =
      Set.of("patient", "pt", "name", "named", "called", "i", "my", "dear", "son", "daughter", "wife", "husband",
          "mother", "father", "mom", "dad", "brother", "sister", "spouse", "partner", "friend", "neighbor", "neighbour",
          "grandson", "granddaughter", "grandmother", "grandfather", "aunt", "uncle", "cousin", "niece", "nephew",
          "caregiver", "guardian", "signed", "seen", "referred", "attending", "resident", "nurse", "np", "pa", "pcp",
          "provider", "physician", "surgeon", "cc", "contact", "by", "last", "first", "full", "call", "calls", "kid",
          "child", "baby", "assistant", "directed", "written", "starring", "hi", "hello", "hey");

  static final boolean[] NAME_CONTEXT_PREFIXES =
      prefixTable(2, NAME_CONTEXT_WORDS.stream().filter(w -> w.length() >= 2).toArray(String[]::new));

  static final String[] PERSON_VERBS = {
    "lives", "lived", "resides", "resided", "is", "was", "works", "worked", "said", "says", "told", "shouted", "spent",
    "will", "has", "had", "wrote", "began", "sings", "sang", "reports", "reported", "denies", "denied", "complains",
    "complained", "presents", "presented", "states", "stated", "killers", "kid", "family"
  };
  static final boolean[] PERSON_VERB_PREFIXES = prefixTable(2, PERSON_VERBS);
  private static final String[] PERSON_VERB_PHRASES = {
    "lives", "lived", "resides", "resided", "is from", "was born", "works", "worked", "said", "says", "told", "shouted",
    "spent", "will be", "has been", "had", "wrote", "began", "sings", "sang", "reports", "reported", "denies", "denied",
    "complains", "complained", "presents", "presented", "states", "stated", "killers", "kid", "family", "is very"
  };

  private static boolean startsWithPersonVerb(String t, int i) {
    for (String v : PERSON_VERB_PHRASES) {
      if (t.startsWith(v, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Blocks of spaces BEFORE_PERSON_VERB can hold: a first name, an initial, two more words each after a particle
   * of up to two words, and the verb ("Maika B. van de Noort lives").
   */
  static final int PERSON_VERB_GAPS = 8;

  static final boolean[] CONJUNCTION_PREFIXES = prefixTable(2, "and", "or");

  /**
   * Capitals from which letters, apostrophes, hyphens, dots, commas and at most {@code maxGaps} blocks of spaces
   * reach a word whose first two letters are in {@code prefixes} (or an ampersand): where a pattern made of
   * capitalised words before such a word can start.
   */
  static AnchoredMatcher.Starts wordsBefore(String text, AnchoredMatcher.Tokens tokens, boolean[] prefixes, int maxGaps) {
    int[] ends = new int[8];
    int count = 0;
    for (int k = 0; k < tokens.size(); k++) {
      int i = tokens.at(k);
      if (text.charAt(i) == '&' || asciiWordStart(text, i) && hasPrefix(prefixes, 2, text, i)
          && (prefixes != PERSON_VERB_PREFIXES || startsWithPersonVerb(text, i))) {
        if (count == ends.length) {
          ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        ends[count++] = i;
      }
    }
    if (count == 0) {
      return (t, i) -> false;
    }
    boolean[] marks =
        reachBack(text, java.util.Arrays.copyOf(ends, count),
            c -> Character.isLetter(c) || Character.isSurrogate(c) || c == '\'' || c == '’' || c == '-' || c == '.' || c == ','
                || asciiSpace(c),
            maxGaps);
    return (t, i) -> marks[i] && capital(t.charAt(i));
  }

  /** Where a quote or a sentence ends: QUOTE_SPEAKER starts there. */
  static boolean quoteEndStart(String t, int i) {
    return "\"\u201d'\u2019!?,.".indexOf(t.charAt(i)) >= 0;
  }

  /** A capital: where {@code \\b\\p{Lu}} can start. */
  static boolean capitalStart(String t, int i) {
    return capital(t.charAt(i));
  }

  /** A capital with only spaces or tabs (at most eight) between it and the start of its line. */
  static boolean lineStartCapital(String t, int i) {
    if (!capital(t.charAt(i))) {
      return false;
    }
    int k = i - 1;
    while (k >= 0 && i - k <= 9 && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
      k--;
    }
    // quote and bullet marks at the start of the line ("> ", "* ")
    int marks = 0;
    while (k >= 0 && marks < 3 && LINE_MARKS.indexOf(t.charAt(k)) >= 0) {
      k--;
      marks++;
    }
    while (marks > 0 && k >= 0 && i - k <= 16 && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
      k--;
    }
    return k < 0 || t.charAt(k) == '\n' || t.charAt(k) == '\r' || t.charAt(k) == '\u0085' || t.charAt(k) == '\u2028'
        || t.charAt(k) == '\u2029';
  }

  static boolean titleStart(String t, int i) {
    if (!asciiWordStart(t, i)) {
      return false;
    }
    String w = wordAt(t, i, 7);
    if (w == null) {
      return false;
    }
    return Character.isUpperCase(t.charAt(i)) ? TITLE_WORDS.contains(w)
        : LOWER_CASE_TITLES.contains(w) && i + w.length() < t.length() && t.charAt(i + w.length()) == '.';
  }

  /** The word "name" in any case: where NAME_ANSWER starts. */
  static boolean nameWordStart(String t, int i) {
    return asciiWordStart(t, i) && (t.charAt(i) | 0x20) == 'n' && t.regionMatches(true, i, "name", 0, 4);
  }

  static boolean nameContextStart(String t, int i) {
    if (!asciiWordStart(t, i)) {
      return false;
    }
    if ((t.charAt(i) | 0x20) == 'i' && (i + 1 == t.length() || !Character.isLetter(t.charAt(i + 1)))) {
      return true; // "I am", "I'm"
    }
    if (!hasPrefix(NAME_CONTEXT_PREFIXES, 2, t, i)) {
      return false;
    }
    String w = wordAt(t, i, 14);
    return w != null && NAME_CONTEXT_WORDS.contains(w.toLowerCase(Locale.ROOT));
  }
}
