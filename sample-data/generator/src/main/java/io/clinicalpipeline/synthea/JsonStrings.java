package io.clinicalpipeline.synthea;

import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;

/**
 * A streaming view of the strings of one compact JSON line: each string value with the last key seen
 * before it (for arrays, the array's key). Enough for rewriting FHIR resources without a JSON library.
 */
final class JsonStrings {

  private JsonStrings() {}

  /** {@code line} with each string value replaced by {@code rewrite(key, raw escaped value)}. */
  static String rewriteValues(String line, BinaryOperator<String> rewrite) {
    StringBuilder out = new StringBuilder(line.length() + 64);
    String key = "";
    int n = line.length();
    int copied = 0;
    int i = 0;
    while (i < n) {
      if (line.charAt(i) != '"') {
        i++;
        continue;
      }
      int end = closingQuote(line, i + 1);
      String content = line.substring(i + 1, end);
      int next = end + 1;
      while (next < n && Character.isWhitespace(line.charAt(next))) {
        next++;
      }
      if (next < n && line.charAt(next) == ':') {
        key = content;
      } else {
        String replaced = rewrite.apply(key, content);
        if (!replaced.equals(content)) {
          out.append(line, copied, i + 1).append(replaced).append('"');
          copied = end + 1;
        }
      }
      i = end + 1;
    }
    return copied == 0 ? line : out.append(line, copied, n).toString();
  }

  /** Calls {@code consumer(key, raw escaped value)} for each string value of {@code line}. */
  static void forEachValue(String line, BiConsumer<String, String> consumer) {
    rewriteValues(line, (k, v) -> {
      consumer.accept(k, v);
      return v;
    });
  }

  private static int closingQuote(String s, int from) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i;
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated JSON string");
  }
}
