package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether an identity policy allows one request, the way IAM evaluates Allow statements: the
 * action and the resource must each match one of the statement's (case-insensitive action, {@code *} and
 * {@code ?} wildcards), and every condition key must be present in the request context and match one of
 * its values ({@code StringEquals} exactly, {@code StringLike} with wildcards). Deny statements and policy
 * variables are not used by the generated policy and are refused.
 */
final class PolicySimulator {

  private final JsonNode policy;

  PolicySimulator(JsonNode policy) {
    this.policy = policy;
    for (JsonNode s : policy.path("Statement")) {
      if (!s.path("Effect").asText().equals("Allow")) {
        throw new IllegalArgumentException("only Allow statements are simulated: " + s.path("Sid").asText());
      }
    }
  }

  /** One request: an action on a resource with condition context keys. */
  record Request(String action, String resource, Map<String, String> context) {
    @Override
    public String toString() {
      return action + " on " + resource + (context.isEmpty() ? "" : " with " + context);
    }
  }

  boolean allows(Request r) {
    for (JsonNode s : policy.path("Statement")) {
      if (any(s.path("Action"), r.action(), true) && any(s.path("Resource"), r.resource(), false)
          && conditionsHold(s.path("Condition"), r.context())) {
        return true;
      }
    }
    return false;
  }

  List<Request> denied(List<Request> requests) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (!allows(r)) {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
    for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      boolean like = switch (op.getKey()) {
        case "StringLike" -> true;
        case "StringEquals" -> false;
        default -> throw new IllegalArgumentException("condition operator not simulated: " + op.getKey());
      };
      for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
        Map.Entry<String, JsonNode> key = keys.next();
        String value = context.get(key.getKey());
        if (value == null) {
          return false;
        }
        JsonNode allowed = key.getValue().isArray() ? key.getValue() : com.fasterxml.jackson.databind.node.JsonNodeFactory
            .instance.arrayNode().add(key.getValue());
        boolean hit = false;
        for (JsonNode a : allowed) {
          hit |= like ? glob(a.asText(), false).matcher(value).matches() : a.asText().equals(value);
        }
        if (!hit) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean any(JsonNode patterns, String value, boolean ignoreCase) {
    JsonNode list = patterns.isArray() ? patterns
        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(patterns);
    for (JsonNode p : list) {
      if (glob(p.asText(), ignoreCase).matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern, boolean ignoreCase) {
    if (pattern.contains("${")) {
      throw new IllegalArgumentException("policy variables are not simulated: " + pattern);
    }
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(switch (c) {
        case '*' -> ".*";
        case '?' -> ".";
        default -> Pattern.quote(String.valueOf(c));
      });
    }
    return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }
}
