package io.clinicalpipeline.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * {@code application/jsonlines} request bodies: one JSON object per line mapping feature name to a number or
 * null; a feature left out or null is missing (NaN). A name the model does not have is refused, so a
 * misspelt feature cannot silently score as missing. Errors name the line and the feature (a model's
 * name) or the key's position (a caller's unknown key is not echoed).
 */
final class JsonLinesRows {

  private static final JsonFactory JSON = new JsonFactory();

  private JsonLinesRows() {}

  static Rows parse(byte[] body, int length, Predictor model) throws BadRequest {
    int width = model.width();
    if (model.featureNames().isEmpty()) {
      throw new BadRequest(415, "this model has no feature names (no feature manifest): send text/csv");
    }
    BitSet seen = new BitSet(width);
    return Lines.parse(body, length, width, (b, from, to, line, out, at) -> {
      seen.clear();
      parseLine(b, from, to, model, out, at, line, seen);
    });
  }

  private static void parseLine(
      byte[] b, int from, int to, Predictor model, float[] out, int at, int line, BitSet seen)
      throws BadRequest {
    try (JsonParser p = JSON.createParser(b, from, to - from)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequest(400, "line " + line + ": not a JSON object");
      }
      int key = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          throw new BadRequest(400, "line " + line + ": not valid JSON");
        }
        key++;
        String name = p.currentName();
        int column = model.column(name);
        if (column < 0) {
          throw new BadRequest(400, "line " + line + ", key " + key + ": not a feature of this model");
        }
        if (seen.get(column)) {
          throw new BadRequest(400, "line " + line + ", field \"" + name + "\": given twice");
        }
        seen.set(column);
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
          byte[] text = p.getText().getBytes(StandardCharsets.US_ASCII);
          out[at + column] = Decimal.parse(text, 0, text.length);
        } else if (v != JsonToken.VALUE_NULL) {
          throw new BadRequest(400, "line " + line + ", field \"" + name + "\": not a number or null");
        }
      }
      if (p.nextToken() != null) {
        throw new BadRequest(400, "line " + line + ": more than one JSON value");
      }
    } catch (IOException | NumberFormatException e) {
      throw new BadRequest(400, "line " + line + ": not valid JSON");
    }
  }
}
