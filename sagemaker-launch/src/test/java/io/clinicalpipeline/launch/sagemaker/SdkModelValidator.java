package io.clinicalpipeline.launch.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Checks a request body (a step's {@code Arguments}) against the AWS SDK v2's own request model: every
 * member must be a field of the SDK class (by its wire name), of the field's type, and an enum member
 * must hold one of the enum's values. The body is then rebuilt as the real SDK request object, so a body
 * that passes is one the SDK itself can represent. Pipeline expressions ({@code Get}, {@code Std:Join},
 * {@code Std:JsonGet}) stand in for scalars and are counted, not checked.
 */
final class SdkModelValidator {

  final List<String> errors = new ArrayList<>();
  int expressions;

  /** Validates {@code body} against {@code builder}'s fields; returns the built SDK object. */
  Object validate(JsonNode body, SdkPojo builder, String path) {
    if (!body.isObject()) {
      errors.add(path + ": expected an object");
      return null;
    }
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> f : builder.sdkFields()) {
      fields.put(f.locationName(), f);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      SdkField<?> f = fields.get(e.getKey());
      String p = path + "." + e.getKey();
      if (f == null) {
        errors.add(p + ": not a member of " + modelName(builder));
        continue;
      }
      Object value = convert(e.getValue(), f, p);
      if (value != null) {
        f.set(builder, value);
        checkEnum(builder, f, e.getValue(), p);
      }
    }
    return ((SdkBuilder<?, ?>) builder).build();
  }

  private Object convert(JsonNode v, SdkField<?> f, String p) {
    MarshallingType<?> t = f.marshallingType();
    if (Expr.isExpression(v)) {
      expressions++;
      if (t == MarshallingType.STRING) {
        return "expression";
      } else if (t == MarshallingType.INTEGER) {
        return 1;
      } else if (t == MarshallingType.DOUBLE) {
        return 1.0;
      } else if (t == MarshallingType.FLOAT) {
        return 1.0f;
      } else if (t == MarshallingType.BOOLEAN) {
        return true;
      } else if (t == MarshallingType.LONG) {
        return 1L;
      }
      errors.add(p + ": an expression where the SDK expects " + t);
      return null;
    }
    if (t == MarshallingType.STRING) {
      return expect(v.isTextual(), v, p, "a string") ? v.asText() : null;
    } else if (t == MarshallingType.INTEGER) {
      return expect(v.isInt(), v, p, "an integer") ? v.asInt() : null;
    } else if (t == MarshallingType.LONG) {
      return expect(v.isIntegralNumber(), v, p, "an integer") ? v.asLong() : null;
    } else if (t == MarshallingType.DOUBLE) {
      return expect(v.isNumber(), v, p, "a number") ? v.asDouble() : null;
    } else if (t == MarshallingType.FLOAT) {
      return expect(v.isNumber(), v, p, "a number") ? (float) v.asDouble() : null;
    } else if (t == MarshallingType.BOOLEAN) {
      return expect(v.isBoolean(), v, p, "true or false") ? v.asBoolean() : null;
    } else if (t == MarshallingType.SDK_POJO) {
      return validate(v, f.constructor().get(), p);
    } else if (t == MarshallingType.LIST) {
      if (!expect(v.isArray(), v, p, "a list")) {
        return null;
      }
      SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        out.add(convert(v.get(i), member, p + "[" + i + "]"));
      }
      return out;
    } else if (t == MarshallingType.MAP) {
      if (!expect(v.isObject(), v, p, "a map")) {
        return null;
      }
      SdkField<?> value = f.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      v.fields().forEachRemaining(e -> out.put(e.getKey(), convert(e.getValue(), value, p + "." + e.getKey())));
      return out;
    }
    errors.add(p + ": unhandled type " + t);
    return null;
  }

  private boolean expect(boolean ok, JsonNode v, String p, String what) {
    if (!ok) {
      errors.add(p + ": expected " + what + ", found " + v.getNodeType());
    }
    return ok;
  }

  /** An enum member holds one of the SDK enum's values (the model getter's type names the enum). */
  private void checkEnum(SdkPojo builder, SdkField<?> f, JsonNode v, String p) {
    if (!v.isTextual() || Expr.isExpression(v)) {
      return;
    }
    Optional<Class<?>> model = modelClass(builder);
    if (model.isEmpty()) {
      return;
    }
    for (Method m : model.get().getMethods()) {
      if (m.getParameterCount() == 0 && m.getName().equalsIgnoreCase(f.memberName()) && m.getReturnType().isEnum()) {
        try {
          Object parsed = m.getReturnType().getMethod("fromValue", String.class).invoke(null, v.asText());
          if (parsed == null || ((Enum<?>) parsed).name().equals("UNKNOWN_TO_SDK_VERSION")) {
            errors.add(p + ": '" + v.asText() + "' is not a value of " + m.getReturnType().getSimpleName());
          }
        } catch (ReflectiveOperationException e) {
          errors.add(p + ": cannot check enum " + m.getReturnType().getSimpleName());
        }
        return;
      }
    }
  }

  private static Optional<Class<?>> modelClass(SdkPojo builder) {
    Class<?> enclosing = builder.getClass().getEnclosingClass();
    return Optional.ofNullable(enclosing);
  }

  private static String modelName(SdkPojo builder) {
    return modelClass(builder).map(Class::getSimpleName).orElse(builder.getClass().getSimpleName());
  }
}
