package io.clinicalpipeline.jobs.deid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clinicalpipeline.common.JobRunner.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user's extra rules ({@code --rules FILE}, YAML): words that are never PHI ({@code allow}), words and
 * patterns that always are ({@code deny}, each with a PHI type). Deny rules are a recogniser of their own
 * (score 1, never vetoed); allow words veto any candidate that is exactly one of them.
 */
final class UserRules {

  /** The YAML form; see DEID.md for an example. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record File(List<String> allow, List<Deny> deny) {}

  /** One deny rule: a {@code word} (whole word, any case) or a {@code pattern} (Java regex), and its type. */
  record Deny(String word, String pattern, String type) {}

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static final UserRules NONE = new UserRules(Set.of(), List.of(), List.of());

  private final Set<String> allow;
  private final List<Pattern> patterns;
  private final List<PhiType> types;

  private UserRules(Set<String> allow, List<Pattern> patterns, List<PhiType> types) {
    this.allow = allow;
    this.patterns = patterns;
    this.types = types;
  }

  /** Reads a rules file; a bad rule is a usage error naming the file and the rule's number, never its text. */
  static UserRules read(Path file) {
    File f;
    try {
      f = YAML.readValue(file.toFile(), File.class);
    } catch (IOException e) {
      throw new UsageException("--rules " + file + ": not a rules file (expected keys allow, deny)");
    }
    Set<String> allow = new HashSet<>();
    if (f != null && f.allow() != null) {
      for (String w : f.allow()) {
        allow.add(w.toLowerCase(Locale.ROOT));
      }
    }
    List<Pattern> patterns = new ArrayList<>();
    List<PhiType> types = new ArrayList<>();
    List<Deny> deny = f == null || f.deny() == null ? List.of() : f.deny();
    for (int i = 0; i < deny.size(); i++) {
      Deny d = deny.get(i);
      String where = "--rules " + file + ": deny rule " + (i + 1);
      if ((d.word() == null) == (d.pattern() == null)) {
        throw new UsageException(where + ": give exactly one of word, pattern");
      }
      try {
        types.add(PhiType.valueOf(d.type() == null ? "" : d.type().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException(where + ": type must be one of " + java.util.Arrays.toString(PhiType.values()));
      }
      try {
        patterns.add(d.word() != null
            ? Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(d.word()) + "(?![\\p{L}\\d])", Pattern.CASE_INSENSITIVE)
            : Pattern.compile(d.pattern()));
      } catch (PatternSyntaxException e) {
        throw new UsageException(where + ": the pattern does not compile");
      }
    }
    return new UserRules(Set.copyOf(allow), List.copyOf(patterns), List.copyOf(types));
  }

  Set<String> allowWords() {
    return allow;
  }

  /** The deny rules as a recogniser. */
  Recogniser denyRecogniser() {
    return new Recogniser("rules: deny", 1.0, (doc, out) -> {
      for (int k = 0; k < patterns.size(); k++) {
        Matcher m = patterns.get(k).matcher(doc.text());
        while (m.find()) {
          if (m.end() > m.start()) {
            out.add(new PhiSpan(m.start(), m.end(), types.get(k)));
          }
        }
      }
    });
  }

  boolean hasDeny() {
    return !patterns.isEmpty();
  }
}
