package io.clinicalpipeline.serve;

import java.nio.charset.StandardCharsets;

/**
 * Response bodies: one probability per input row, in order, as {@code text/csv} (a number per line) or
 * {@code application/jsonlines} ({@code {"score":p}} per line, the key SageMaker's XGBoost uses). Numbers are
 * the shortest decimal that reads back as the same float.
 */
final class Scores {

  static final String CSV = "text/csv";
  static final String JSON_LINES = "application/jsonlines";

  private Scores() {}

  static byte[] format(float[] scores, String accept) {
    boolean json = JSON_LINES.equals(accept);
    StringBuilder out = new StringBuilder(scores.length * (json ? 24 : 12));
    for (float s : scores) {
      if (json) {
        out.append("{\"score\":").append(s).append("}\n");
      } else {
        out.append(s).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
