package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pipeline definition expressions: {@code Get}, {@code Std:Join}, {@code Std:JsonGet}. */
final class Expr {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String EXECUTION_ID = "Execution.PipelineExecutionId";

  private Expr() {}

  static ObjectNode get(String path) {
    return F.objectNode().put("Get", path);
  }

  /** {@code Std:Join} of strings and expressions; plain strings become text nodes. */
  static ObjectNode join(String on, Object... values) {
    ObjectNode join = F.objectNode();
    ObjectNode body = join.putObject("Std:Join");
    body.put("On", on);
    ArrayNode arr = body.putArray("Values");
    for (Object v : values) {
      arr.add(v instanceof JsonNode n ? n : F.textNode(String.valueOf(v)));
    }
    return join;
  }

  static ObjectNode jsonGet(String step, String propertyFile, String path) {
    ObjectNode n = F.objectNode();
    ObjectNode body = n.putObject("Std:JsonGet");
    body.set("PropertyFile", get("Steps." + step + ".PropertyFiles." + propertyFile));
    body.put("Path", path);
    return n;
  }

  /** Whether {@code node} is an expression evaluated by the pipeline service rather than a literal. */
  static boolean isExpression(JsonNode node) {
    return node.isObject()
        && node.size() == 1
        && (node.has("Get") || node.has("Std:Join") || node.has("Std:JsonGet"));
  }

  /** {@code node} itself when it is an expression or text; a JSON string otherwise. */
  static JsonNode value(Object v) {
    return v instanceof JsonNode n ? n : F.textNode(String.valueOf(v));
  }
}
