package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Walks a request body along a botocore service model: members, required, enums, lengths, patterns. */
final class BotocoreValidator {
  final List<String> errors = new ArrayList<>();
  private final JsonNode shapes;
  private final List<String> filledByService;

  BotocoreValidator(JsonNode shapes, List<String> filledByService) {
    this.shapes = shapes;
    this.filledByService = filledByService;
  }

  void structure(JsonNode body, String shapeName, String path, boolean topLevel) {
    JsonNode shape = shapes.path(shapeName);
    if (!body.isObject()) {
      errors.add(path + ": expected an object for " + shapeName);
      return;
    }
    for (JsonNode r : shape.path("required")) {
      if (!body.has(r.asText()) && !(topLevel && filledByService.contains(r.asText()))) {
        errors.add(path + ": missing required " + r.asText());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode member = shape.path("members").path(e.getKey());
      if (member.isMissingNode()) {
        errors.add(path + "." + e.getKey() + ": not a member of " + shapeName);
        continue;
      }
      value(e.getValue(), member.path("shape").asText(), path + "." + e.getKey());
    }
  }

  private void value(JsonNode v, String shapeName, String path) {
    JsonNode shape = shapes.path(shapeName);
    String type = shape.path("type").asText();
    if (Expr.isExpression(v) && !type.equals("structure") && !type.equals("list") && !type.equals("map")) {
      return;
    }
    switch (type) {
      case "structure" -> structure(v, shapeName, path, false);
      case "list" -> {
        if (!v.isArray()) {
          errors.add(path + ": expected a list");
          return;
        }
        bounds(v.size(), shape, path, "items");
        for (int i = 0; i < v.size(); i++) {
          value(v.get(i), shape.path("member").path("shape").asText(), path + "[" + i + "]");
        }
      }
      case "map" -> {
        if (!v.isObject()) {
          errors.add(path + ": expected a map");
          return;
        }
        bounds(v.size(), shape, path, "entries");
        v.fields().forEachRemaining(e -> {
          value(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()), shape.path("key").path("shape").asText(), path + "{key}");
          value(e.getValue(), shape.path("value").path("shape").asText(), path + "." + e.getKey());
        });
      }
      case "string" -> {
        if (!v.isTextual()) {
          errors.add(path + ": expected a string");
          return;
        }
        String s = v.asText();
        bounds(s.length(), shape, path, "characters");
        if (shape.has("enum")) {
          boolean ok = false;
          for (JsonNode e : shape.path("enum")) {
            ok |= e.asText().equals(s);
          }
          if (!ok) {
            errors.add(path + ": '" + s + "' is not one of " + shape.path("enum"));
          }
        }
        if (shape.has("pattern")) {
          try {
            if (!Pattern.compile(shape.path("pattern").asText()).matcher(s).find()) {
              errors.add(path + ": does not match " + shape.path("pattern").asText());
            }
          } catch (PatternSyntaxException e) {
            // A pattern Java cannot compile is not checked.
          }
        }
      }
      case "integer", "long" -> {
        if (!v.isIntegralNumber()) {
          errors.add(path + ": expected an integer");
          return;
        }
        bounds(v.asLong(), shape, path, "");
      }
      case "boolean" -> {
        if (!v.isBoolean()) {
          errors.add(path + ": expected true or false");
        }
      }
      case "double", "float" -> {
        if (!v.isNumber()) {
          errors.add(path + ": expected a number");
        }
      }
      default -> errors.add(path + ": unhandled shape type " + type);
    }
  }

  private void bounds(long n, JsonNode shape, String path, String unit) {
    if (shape.has("min") && n < shape.path("min").asLong()) {
      errors.add(path + ": " + n + " " + unit + " is below the minimum " + shape.path("min").asLong());
    }
    if (shape.has("max") && n > shape.path("max").asLong()) {
      errors.add(path + ": " + n + " " + unit + " is above the maximum " + shape.path("max").asLong());
    }
  }
}
