package io.clinicalpipeline.jobs.deid;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a candidate is probably not PHI, by category: ordinary and clinical words (the allow-list) taken as
 * names or places in telegraphic notes; vital-sign and dose ranges, numbers with units and ventilator
 * settings taken as identifiers, phones or dates; saturations ("90's") taken as ages; sentence joins without
 * a blank ("stable.Pt") taken as domains. Each veto names itself; the resolver lowers the candidate's
 * score by {@link #PENALTY}.
 */
final class Vetoes {

  static final double PENALTY = 0.25;

  /** Recognisers whose evidence is the context, not the word: their names are not vetoed by the allow-list. */
  private static final Set<String> CONTEXT_EVIDENCE =
      Set.of("names by title", "names by relation word", "patient's own identifiers", "rules: deny", "ward-note names",
          "ward-note places", "ward-note hospitals", "ward-note phones", "wards, initials and institutions",
          "initial and surname before an action", "surnames and names joined to found names");

  private static final Pattern NUMBER_RANGE =
      Pattern.compile("#?\\d{1,4}(?:\\.\\d+)?'?[sS]?(?:\\s*(?:-|x|X|to)\\s*\\d{1,4}(?:\\.\\d+)?'?[sS]?)+[A-Za-z]{0,5}");
  private static final Pattern PLACE_PREPOSITION = Pattern.compile("(?:\\b(?:in|at|from|to|near|of|lives|home)|[,\\n])\\W*$");
  private static final Pattern SCORE_OF_TEN = Pattern.compile("\\d{1,2}-\\d{1,2}/10");
  private static final Set<String> COUNTRIES = countries();
  private static final Pattern WEAK_TITLE_BEFORE_WORD = Pattern.compile("(?i)(?:ms|pa|ho|np)\\.?\\s+\\S");
  private static final Pattern WEEKDAY_OR_RELATIVE =
      Pattern.compile("(?i)(?:(?:last|this past|past|next|early|late|mid)[\\s-]+)?(?:week|weekend|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day)");
  private static final Pattern SINUS_TACHYCARDIA = Pattern.compile("(?i)\\bst\\b\\.?");
  private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("\\d+(?:\\.\\d+)?[A-Za-z]{1,5}'?s?|[A-Za-z]{1,5}\\d{1,3}");
  /** In ward notes also ranges with a unit or a word ("30-40cc", "90-110-THEN") and device models ("XV7000"). */
  private static final Pattern MEASURE_TELEGRAPHIC =
      Pattern.compile("\\d{1,4}(?:-\\d{1,4})+-?[A-Za-z]+|[A-Za-z]{1,6}-?\\d{1,4}(?:-\\d{1,4})*|\\d{1,4}[xX]\\d{1,3}[A-Za-z]{0,4}|[A-Za-z]+-\\d{1,4}(?:-\\d{1,4})*");
  private static final Pattern VENT_AFTER = Pattern.compile("^\\s{0,3}(?i:abg|psv|ps|peep|cpap|fio2)\\b");
  private static final Pattern PHONE_CONTEXT =
      Pattern.compile("(?:phone|tel|telephone|cell|cellular|mobile|call|called|pager|pgr|beeper|pg|reach|reached|contact|home|work|fax|number|#|at)\\W{0,4}$");
  private static final Pattern TIME_RANGE = Pattern.compile("(?:[01]\\d|2[0-3])[0-5]\\d\\s*-\\s*(?:[01]\\d|2[0-3])[0-5]\\d");
  private static final Pattern VENT_CONTEXT =
      Pattern.compile("\\b(?:ps|psv|cpap|peep|bipap|simv|imv|vent|flowby|settings|support|ac|abg|vbg|ratio|i:e)\\b[\\d\\s%x/.,:=-]{0,18}$");
  private static final Pattern BARE_DECADE = Pattern.compile("(?:9\\d|1[01]\\d)'?[sS]");
  private static final Pattern DOMAIN_WITHOUT_SCHEME = Pattern.compile("[^./:@]+\\.([A-Za-z]{2,3})");
  private static final Pattern STREET_WORD =
      Pattern.compile("(?i)\\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|court|way|place|terrace|circle|highway|hwy|parkway|pkwy|box)\\b\\.?");
  private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "miss", "md", "doctor");

  private Vetoes() {}

  private static Set<String> countries() {
    Set<String> s = new java.util.HashSet<>();
    for (String c : Lexicon.countryNames()) {
      s.add(c.toLowerCase(Locale.ROOT));
    }
    return s;
  }

  /** The veto that applies to {@code c}, or null. */
  static String veto(NoteDocument doc, Candidate c, AllowList allow) {
    String s = doc.text().substring(c.start(), c.end());
    switch (c.type()) {
      case NAME, LOCATION -> {
        if (allow.userAllows(s)) {
          return "rules: allow";
        }
        if (c.type() == PhiType.LOCATION && stateName(s.strip())) {
          return "a state: Safe Harbor removes only places smaller than a state";
        }
        String head = s.split("[\\s.,]+", 2)[0];
        if (c.source().equals("names by relation word") && doc.telegraphic()
            && (!Lexicon.get().isName(Lexicon.fold(head)) || allow.allows(head))) {
          return "relation word without a listed name in a ward note";
        }
        if (c.source().startsWith("lower-case") && doc.telegraphic() && !hasListedName(s, allow)) {
          return "lower-case words without a listed name in a ward note";
        }
        if (c.source().equals("places by list") && doc.telegraphic() && s.strip().length() <= 4
            && !COUNTRIES.contains(s.strip().toLowerCase(Locale.ROOT))) {
          return "short listed place in a ward note";
        }
        if (c.source().equals("places by list") && doc.telegraphic() && s.strip().indexOf(' ') > 0
            && allow.allowedShare(s) >= 0.5) {
          return "listed place among ordinary words in a ward note";
        }
        if (c.source().equals("names by title") && doc.telegraphic() && WEAK_TITLE_BEFORE_WORD.matcher(s).lookingAt()
            && allow.allows(s.split("[\\s.]+")[1])) {
          return "ms, pa, ho or np before an ordinary word: mental status, artery, house officer";
        }
        if (c.source().equals("facilities") && doc.telegraphic() && allow.allowedShare(s) >= 0.75) {
          return "ordinary words before a facility word in a ward note";
        }
        if (c.source().equals("names by list") && doc.capitals() && s.strip().length() <= 3) {
          return "a short listed name in a note in capitals: there such words are abbreviations (OK, LE, KUB)";
        }
        if (c.type() == PhiType.NAME && (c.source().equals("names by shape") || c.source().equals("names by list"))
            && doc.heading(c.start(), c.end()) && !Lexicon.get().isName(Lexicon.fold(s.strip())) && sectioned(doc)) {
          return "a section heading in a note written in sections";
        }
        if (CONTEXT_EVIDENCE.contains(c.source())) {
          return doc.telegraphic() && c.source().endsWith("relation word") && contextWordsOrdinary(s, allow) ? "allow-list: the word after the title or relation is ordinary" : null;
        }
        boolean telegraphic = doc.telegraphic() || c.source().startsWith("lower-case");
        if (telegraphic && c.source().equals("places by list") && !COUNTRIES.contains(s.toLowerCase(Locale.ROOT))
            && !PLACE_PREPOSITION.matcher(doc.before(c.start(), 12)).find()) {
          return "listed place without a place word before it in a ward note";
        }
        if (!telegraphic) {
          boolean oneWord = s.indexOf(' ') < 0 && s.indexOf('\n') < 0;
          boolean listed = c.type() == PhiType.NAME && Lexicon.get().isName(Lexicon.fold(s.replaceAll("['’]s$", "")));
          return oneWord && !listed && allow.allows(s) ? "allow-list: an ordinary or clinical word" : null;
        }
        String first = s.split("[\\s.]+", 2)[0].toLowerCase(Locale.ROOT);
        if (TITLES.contains(first)) {
          return null;
        }
        if (allow.allowsAll(s)) {
          return "allow-list: ordinary or clinical words";
        }
        return doc.profile() == CaseProfile.CAPITALS && doc.heading(c.start(), c.end()) && c.end() - c.start() <= 3
            ? "section heading" : null;
      }
      case ID, ACCOUNT -> {
        if (!c.source().equals("numbers by shape")) {
          return null;
        }
        boolean measure = NUMBER_RANGE.matcher(s).matches() || NUMBER_WITH_UNIT.matcher(s).matches()
            || doc.telegraphic() && MEASURE_TELEGRAPHIC.matcher(s).matches();
        return measure ? "number shape: range or measure" : null;
      }
      case PHONE, FAX -> {
        return phoneVeto(doc, c, s);
      }
      case DATE -> {
        return dateVeto(doc, c, s);
      }
      case AGE -> {
        return BARE_DECADE.matcher(s).matches() ? "decade without a person: a saturation or pressure" : null;
      }
      case URL -> {
        var m = DOMAIN_WITHOUT_SCHEME.matcher(s);
        if (m.matches() && (m.group(1).length() == 2 || !m.group(1).equals(m.group(1).toLowerCase(Locale.ROOT)))) {
          return "sentence join, not a domain";
        }
        return null;
      }
      case ADDRESS -> {
        if (!doc.telegraphic()) {
          return null;
        }
        boolean typeFirst = c.source().equals("streets named type first");
        String words = s.replaceAll("[\\d.,#]", " ").strip();
        boolean onlyTheStreetWord = words.indexOf(' ') < 0 && STREET_WORD.matcher(words).matches();
        Matcher sw = STREET_WORD.matcher(s);
        boolean onlySt = sw.find() && SINUS_TACHYCARDIA.matcher(sw.group()).matches() && !sw.find();
        if (onlySt && allow.allowedShare(words) >= 0.5) {
          return "ST is sinus tachycardia in a ward note";
        }
        return !typeFirst && !STREET_WORD.matcher(s).find() || onlyTheStreetWord || allow.allowsAll(words) && !STREET_WORD.matcher(s).find()
            ? "no street in a ward note" : null;
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean hasListedName(String s, AllowList allow) {
    for (String w : s.split("[\\s.,'’-]+")) {
      if (w.length() > 2 && Lexicon.get().isName(Lexicon.fold(w)) && !allow.allows(w)) {
        return true;
      }
    }
    return false;
  }

  /** After its title or relation word, every word of the name is an ordinary word and none a listed name. */
  private static boolean contextWordsOrdinary(String s, AllowList allow) {
    String[] words = s.split("[\\s.,]+");
    int from = words.length > 1 && TITLES.contains(words[0].toLowerCase(Locale.ROOT)) ? 1 : 0;
    if (from >= words.length) {
      return false;
    }
    for (int k = from; k < words.length; k++) {
      String w = words[k].replaceAll("['’]s$", "");
      String lower = Lexicon.fold(w);
      if (w.length() <= 1 || Lexicon.get().isName(lower) || !allow.allows(w)) {
        return false;
      }
    }
    return true;
  }

  private static String phoneVeto(NoteDocument doc, Candidate c, String s) {
    if (PHONE_CONTEXT.matcher(doc.before(c.start(), 24).strip()).find()) {
      return null;
    }
    String digits = s.replaceAll("\\D", "");
    if (TIME_RANGE.matcher(s).matches()) {
      return "time range";
    }
    if (s.indexOf('.') >= 0 && digits.length() < 10) {
      return "measurements, not a phone";
    }
    String[] groups = s.split("\\s*-\\s*");
    if (groups.length == 2 && groups[0].matches("\\d{1,4}") && groups[1].matches("\\d{1,4}")) {
      int a = Integer.parseInt(groups[0]);
      int b = Integer.parseInt(groups[1]);
      if (a < b && b <= 3 * a) {
        return "range of values";
      }
    }
    if (groups.length >= 3 && digits.length() < 10) {
      return "series of values";
    }
    return null;
  }

  private static String dateVeto(NoteDocument doc, Candidate c, String s) {
    if (!s.matches("[\\d/.\\-]+")) {
      return doc.telegraphic() && WEEKDAY_OR_RELATIVE.matcher(s).matches() ? "a weekday or relative date names no date" : null;
    }
    String text = doc.text();
    char before = c.start() > 0 ? text.charAt(c.start() - 1) : ' ';
    char after = c.end() < text.length() ? text.charAt(c.end()) : ' ';
    char after2 = c.end() + 1 < text.length() ? text.charAt(c.end() + 1) : ' ';
    if (s.contains(".") && (s.contains("/") || s.contains("-")) || SCORE_OF_TEN.matcher(s).matches()) {
      return "mixed separators: values";
    }
    if (after == '%' || before == '/' || after == '/' && Character.isDigit(after2)
        || before == '.' || after == '.' && Character.isDigit(after2)) {
      return "part of a series of values";
    }
    if (s.matches("\\d{1,2}/\\d{1,2}")
        && (VENT_CONTEXT.matcher(doc.before(c.start(), 36)).find() || VENT_AFTER.matcher(doc.after(c.end(), 8)).find())) {
      return "ventilator setting";
    }
    return null;
  }

  /** A US state's full name in any case ("TEXAS", "New York"). */
  static boolean stateName(String s) {
    if (s.isEmpty() || s.length() < 4) {
      return false; // the two-letter forms are also words and initials
    }
    StringBuilder title = new StringBuilder();
    for (String w : s.toLowerCase(Locale.ROOT).split(" ")) {
      if (!w.isEmpty()) {
        title.append(title.length() > 0 ? " " : "").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
      }
    }
    java.util.regex.Matcher m = PlaceRecogniser.STATE_AFTER.matcher(title);
    return m.matches();
  }

  private static final Pattern SECTION_HEADING = Pattern.compile("(?m)^[ \\t]*(\\p{L}[\\p{L}/&.]{1,15})(?:[ ][\\p{L}/&.]{1,15})?[ \\t]*:");

  /**
   * A note written in sections: at least three lines open with a heading and a colon, of which at least two
   * are ordinary or clinical words ("Neuro:", "GI:", "Plan:"). A dialogue's speaker labels are names.
   */
  static boolean sectioned(NoteDocument doc) {
    AllowList allow = AllowList.shipped();
    Matcher m = SECTION_HEADING.matcher(doc.text());
    int headings = 0;
    int words = 0;
    while ((headings < 3 || words < 2) && m.find()) {
      headings++;
      words += allow.allows(m.group(1)) || NoteDocument.isShorthand(m.group(1).toLowerCase(Locale.ROOT)) ? 1 : 0;
    }
    return headings >= 3 && words >= 2;
  }
}
