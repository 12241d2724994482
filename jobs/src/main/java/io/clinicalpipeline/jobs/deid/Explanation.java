package io.clinicalpipeline.jobs.deid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code --explain} line: the record id and every candidate span (offsets in code points, the span's
 * text, type, recogniser and vetoes, score, and whether it was kept). It holds PHI by design.
 */
final class Explanation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Explanation() {}

  static ObjectNode of(JsonNode id, String text, NoteDetector.Detection d) {
    ObjectNode o = JSON.createObjectNode();
    o.set("id", id);
    ArrayNode arr = o.putArray("candidates");
    for (Candidate c : d.candidates()) {
      boolean kept = false;
      for (PhiSpan s : d.spans()) {
        kept |= s.start() <= c.start() && c.end() <= s.end();
      }
      arr.addObject()
          .put("start", text.codePointCount(0, c.start()))
          .put("end", text.codePointCount(0, c.end()))
          .put("text", text.substring(c.start(), c.end()))
          .put("type", c.type().name())
          .put("recogniser", c.source())
          .put("score", Math.round(c.score() * 1000) / 1000.0)
          .put("kept", kept);
    }
    return o;
  }
}
