package io.clinicalpipeline.jobs.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The word lists the note de-identifier ships (derived from Synthea's name and place data; see the module
 * README), loaded once per JVM: every executor thread shares one immutable instance.
 */
public final class Lexicon {

  private static final String BASE = "/io/clinicalpipeline/jobs/deid/lexicon/";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** What follows a country's common name in CLDR's English names: " (Burma)", " SAR China", " - Kinshasa". */
  private static final Pattern COUNTRY_QUALIFIER = Pattern.compile("\\s*\\(.*\\)|\\s+SAR China$|\\s+-\\s+.*$");

  private static volatile Lexicon instance;

  private final Set<String> firstNames;
  private final Set<String> lastNames;
  private final Set<String> commonWords;
  private final Set<String> clinicalWords;
  private final WordTrie places;
  private final WordTrie countries;

  private Lexicon() {
    firstNames = lowerSet(read("first-names.txt"));
    lastNames = lowerSet(read("last-names.txt"));
    commonWords = lowerSet(read("common-words.txt"));
    clinicalWords = lowerSet(read("clinical-words.txt"));
    List<String> placeNames = new ArrayList<>();
    for (String place : read("places.txt")) {
      String lower = place.toLowerCase(Locale.ROOT);
      boolean multiWord = place.indexOf(' ') > 0;
      if (place.length() >= 4 && (multiWord || !isVocabulary(lower))) {
        placeNames.add(place);
      }
    }
    places = new WordTrie(placeNames);
    countries = new WordTrie(countryNames());
  }

  /**
   * Country names in English as the JDK's locale data (CLDR) writes them, plus their short forms: "Myanmar"
   * for "Myanmar (Burma)", "Hong Kong" for "Hong Kong SAR China", "and" for "&amp;". Nothing is shipped for them.
   */
  static List<String> countryNames() {
    List<String> out = new ArrayList<>();
    for (String code : Locale.getISOCountries()) {
      String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
      if (name.isEmpty() || name.equals(code)) {
        continue;
      }
      String shortName = COUNTRY_QUALIFIER.matcher(name).replaceAll("").strip();
      for (String n : new String[] {name, shortName}) {
        out.add(n);
        if (n.contains("&")) {
          out.add(n.replace("&", "and"));
        }
      }
    }
    return out;
  }

  /** The shared instance, loaded on first use. */
  public static Lexicon get() {
    Lexicon l = instance;
    if (l == null) {
      synchronized (Lexicon.class) {
        l = instance;
        if (l == null) {
          l = new Lexicon();
          instance = l;
        }
      }
    }
    return l;
  }

  public boolean isFirstName(String lower) {
    return firstNames.contains(lower);
  }

  public boolean isLastName(String lower) {
    return lastNames.contains(lower);
  }

  /** Whether {@code lower} (lower case, accents optional) is in the name lists. */
  public boolean isName(String lower) {
    return firstNames.contains(lower) || lastNames.contains(lower);
  }

  /** Lower case without accents: the lists hold both forms, so "vasquez" finds "Vásquez". */
  static String fold(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    if (ascii) {
      return s.toLowerCase(Locale.ROOT); // nothing to decompose
    }
    String d = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
    return MARKS.matcher(d).replaceAll("").toLowerCase(Locale.ROOT);
  }

  /** A common English or clinical word (such names need context to count as names). */
  public boolean isVocabulary(String lower) {
    return commonWords.contains(lower) || clinicalWords.contains(lower);
  }

  public boolean isCommonWord(String lower) {
    return commonWords.contains(lower);
  }

  /** Country names (whole words, any case). */
  WordTrie countries() {
    return countries;
  }

  /** US place names (whole words, any case). */
  WordTrie places() {
    return places;
  }

  private static Set<String> lowerSet(List<String> words) {
    Set<String> s = new HashSet<>(words.size() * 2);
    for (String w : words) {
      s.add(w.toLowerCase(Locale.ROOT));
      s.add(fold(w));
    }
    return s;
  }

  private static List<String> read(String name) {
    return readResource(BASE + name);
  }

  /** The non-blank, non-comment lines of a classpath resource, stripped. */
  public static List<String> readResource(String path) {
    List<String> out = new ArrayList<>();
    try (InputStream in = Lexicon.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("#")) {
          out.add(s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
