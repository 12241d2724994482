package io.clinicalpipeline.jobs.deid;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed surrogates: the same value in one patient's notes always gets the same replacement. Names are
 * built from syllables and never taken from the shipped name lists (so a leak scan cannot confuse a
 * surrogate with a real name); numbers use reserved ranges (area code 000, SSN area 000, 192.0.2.0/24).
 */
final class Surrogates {

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ren", "dar", "vel", "sor", "tin", "bel", "mar", "no", "ri", "ta", "zen", "qua", "lis",
    "or", "an", "el", "do", "fen", "gar", "hal", "jor", "kel", "lum", "nor", "pel", "ros", "sil", "tor", "val",
    "wen", "yar", "zor", "bri", "cor", "dra", "fel", "gwi"
  };

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "miss", "mx", "prof", "rev", "sr", "sra", "doctor");

  private final PseudonymKey key;
  private final Lexicon lexicon;

  Surrogates(PseudonymKey key, Lexicon lexicon) {
    this.key = key;
    this.lexicon = lexicon;
  }

  String replace(String scope, String original, PhiType type) {
    switch (type) {
      case NAME:
        return name(scope, original);
      case ZIP:
        return "00000";
      case AGE:
        return "90";
      case DATE:
        return type.tag();
      default:
        break;
    }
    String norm = SPACES.matcher(original.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    byte[] h = key.surrogateBytes(scope, type.name() + ":" + norm);
    return switch (type) {
      case NAME, ZIP, AGE, DATE -> throw new AssertionError(type);
      case PHONE, FAX -> "(000) 555-" + NoteDates.pad(u16(h, 0) % 10000, 4);
      case SSN -> "000-00-" + NoteDates.pad(u16(h, 0) % 10000, 4);
      case EMAIL -> "user" + PseudonymKey.hex(h, 3) + "@example.org";
      case URL -> "https://example.org/" + PseudonymKey.hex(h, 4);
      case IP -> "192.0.2." + (1 + (h[0] & 0xff) % 254);
      case MRN, ID, ACCOUNT, LICENSE -> type.name().charAt(0) + "X" + NoteDates.pad(u32(h) % 100_000_000, 8);
      case ADDRESS -> (1 + u16(h, 0) % 999) + " " + word(h, 2) + " Street";
      case LOCATION -> word(h, 2) + locationKind(original);
    };
  }

  /** Word by word, so "Alda Green" and a later "Alda" get the same first-name surrogate. */
  private String name(String scope, String original) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < original.length()) {
      char c = original.charAt(i);
      if (!Character.isLetter(c)) {
        out.append(c);
        i++;
        continue;
      }
      int j = i;
      while (j < original.length() && (Character.isLetter(original.charAt(j)) || original.charAt(j) == '\'')) {
        j++;
      }
      String w = original.substring(i, j);
      if (isTitle(w)) {
        out.append(w);
      } else if (w.length() == 1) {
        byte[] h = key.surrogateBytes(scope, "initial:" + w.toLowerCase(Locale.ROOT));
        out.append((char) ('A' + (h[0] & 0xff) % 26));
      } else {
        byte[] h = key.surrogateBytes(scope, "name:" + w.toLowerCase(Locale.ROOT));
        String s = word(h, 0);
        out.append(w.equals(w.toUpperCase(Locale.ROOT)) ? s.toUpperCase(Locale.ROOT) : s);
      }
      i = j;
    }
    return out.toString();
  }

  private static boolean isTitle(String w) {
    return TITLES.contains(w.toLowerCase(Locale.ROOT));
  }

  /** A capitalised pseudo-word of 2-3 syllables that is not in the name lists. */
  private String word(byte[] h, int offset) {
    for (int attempt = 0; attempt < 8; attempt++) {
      int n = 2 + (h[(offset + attempt) % h.length] & 1);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) {
        sb.append(SYLLABLES[(h[(offset + attempt + k + 1) % h.length] & 0xff) % SYLLABLES.length]);
      }
      String w = Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
      String lower = w.toLowerCase(Locale.ROOT);
      if (!lexicon.isName(lower) && !lexicon.isVocabulary(lower)) {
        return w;
      }
    }
    return "Xandor";
  }

  private static String locationKind(String original) {
    String l = original.toLowerCase(Locale.ROOT);
    for (String k : new String[] {"hospital", "clinic", "medical center", "health", "center", "university", "institute"}) {
      if (l.contains(k)) {
        return " " + Character.toUpperCase(k.charAt(0)) + k.substring(1);
      }
    }
    return "";
  }

  private static int u16(byte[] h, int i) {
    return (h[i] & 0xff) << 8 | (h[i + 1] & 0xff);
  }

  private static int u32(byte[] h) {
    return ((h[4] & 0xff) << 24 | (h[5] & 0xff) << 16 | (h[6] & 0xff) << 8 | (h[7] & 0xff)) & 0x7fffffff;
  }
}
