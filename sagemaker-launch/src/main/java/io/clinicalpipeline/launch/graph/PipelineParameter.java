package io.clinicalpipeline.launch.graph;

/** A typed pipeline parameter (SageMaker {@code Parameters[]}): a run may override its default. */
public record PipelineParameter(String name, Type type, Object defaultValue) {

  /** The parameter types a SageMaker pipeline definition knows. */
  public enum Type {
    String,
    Integer,
    Float,
    Boolean
  }

  public PipelineParameter {
    boolean ok =
        switch (type) {
          case String -> defaultValue instanceof java.lang.String;
          case Integer -> defaultValue instanceof java.lang.Integer;
          case Float -> defaultValue instanceof Double;
          case Boolean -> defaultValue instanceof java.lang.Boolean;
        };
    if (!ok) {
      throw new IllegalArgumentException("parameter " + name + " default does not match type " + type);
    }
  }

  /** The expression that reads this parameter in a definition: {@code Parameters.<name>}. */
  public String reference() {
    return "Parameters." + name;
  }

  /** Parses a value given on the command line into this parameter's type; the message names it. */
  public Object parse(java.lang.String text) {
    try {
      return switch (type) {
        case String -> text;
        case Integer -> java.lang.Integer.parseInt(text.strip());
        case Float -> Double.parseDouble(text.strip());
        case Boolean -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new NumberFormatException();
          }
          yield java.lang.Boolean.parseBoolean(text);
        }
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter " + name + " must be a " + type + ": " + text);
    }
  }
}
