package io.clinicalpipeline.jobs.deid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/**
 * The names and identifiers the structured record holds for one patient, matched in that patient's notes
 * as whole words, ignoring case (an automaton built once per patient). Names that are also ordinary words
 * ("Hand", "Will") only count in title case or capitals.
 */
public final class KnownIdentifiers {

  private static final KnownIdentifiers NONE = new KnownIdentifiers(Map.of());

  private final Map<String, PhiType> terms;
  private PayloadTrie<PhiType> trie;

  private KnownIdentifiers(Map<String, PhiType> terms) {
    this.terms = terms;
  }

  public static KnownIdentifiers none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  List<PhiSpan> find(String text, Lexicon lexicon) {
    if (terms.isEmpty()) {
      return List.of();
    }
    if (trie == null) {
      PayloadTrie.PayloadTrieBuilder<PhiType> b = PayloadTrie.<PhiType>builder().ignoreCase().onlyWholeWords();
      terms.forEach(b::addKeyword);
      trie = b.build();
    }
    List<PhiSpan> out = new ArrayList<>();
    for (PayloadEmit<PhiType> e : trie.parseText(text)) {
      int start = e.getStart();
      int end = e.getEnd() + 1;
      if (e.getPayload() == PhiType.NAME) {
        String word = text.substring(start, end);
        String lower = word.toLowerCase(Locale.ROOT);
        if (lexicon.isVocabulary(lower) && !Character.isUpperCase(word.charAt(0))) {
          continue;
        }
      }
      out.add(new PhiSpan(start, end, e.getPayload()));
    }
    return out;
  }

  /** Collects a patient's identifiers; nulls and blanks are ignored. */
  public static final class Builder {
    private final Map<String, PhiType> terms = new LinkedHashMap<>();

    public Builder name(String value) {
      if (value != null) {
        String v = value.strip().replaceAll("\\d+$", "");
        if (v.length() >= 2) {
          terms.put(v, PhiType.NAME);
          for (String part : v.split("[\\s-]+")) {
            if (part.length() >= 2) {
              terms.putIfAbsent(part, PhiType.NAME);
            }
          }
        }
      }
      return this;
    }

    public Builder identifier(String value, PhiType type) {
      if (value != null) {
        String v = value.strip();
        if (v.length() >= 4) {
          terms.put(v, type);
          String digits = v.replaceAll("[^0-9]", "");
          if (digits.length() >= 7 && !digits.equals(v)) {
            terms.putIfAbsent(digits, type);
          }
        }
      }
      return this;
    }

    public KnownIdentifiers build() {
      return terms.isEmpty() ? NONE : new KnownIdentifiers(new LinkedHashMap<>(terms));
    }
  }
}
