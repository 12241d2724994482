package io.clinicalpipeline.jobs.meds;

import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The MEDS column types (Arrow types in the standard) as the Parquet types Arrow writes them, checked against a
 * file's footer. A mismatch is reported with the field and the expected and found types, never a value.
 */
enum MedsTypes {
  INT64("int64"),
  TIMESTAMP_US("timestamp[us] without a time zone"),
  STRING("string"),
  FLOAT32("float32"),
  FLOAT64("float64"),
  BOOL("bool"),
  STRING_LIST("list<string>");

  private final String arrow;

  MedsTypes(String arrow) {
    this.arrow = arrow;
  }

  /** The problem with {@code field} in {@code schema}, or null when it is present with this type. */
  String check(MessageType schema, String field) {
    if (!schema.containsField(field)) {
      return field + ": missing (expected " + arrow + ")";
    }
    Type t = schema.getType(field);
    return matches(t) ? null : field + ": expected " + arrow + ", found " + describe(t);
  }

  /** Problems with {@code fields} (name, type pairs) in {@code schema}. */
  static void checkAll(MessageType schema, List<Object[]> fields, String file, List<String> errors) {
    if (schema == null) {
      errors.add(file + ": not a readable Parquet file");
      return;
    }
    for (Object[] f : fields) {
      String problem = ((MedsTypes) f[1]).check(schema, (String) f[0]);
      if (problem != null) {
        errors.add(file + ": " + problem);
      }
    }
  }

  static Object[] field(String name, MedsTypes type) {
    return new Object[] {name, type};
  }

  private boolean matches(Type t) {
    if (this == STRING_LIST) {
      return isStringList(t);
    }
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      return false;
    }
    PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
    LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
    return switch (this) {
      case INT64 -> p == PrimitiveTypeName.INT64
          && (l == null || l instanceof IntLogicalTypeAnnotation i && i.getBitWidth() == 64 && i.isSigned());
      case TIMESTAMP_US -> p == PrimitiveTypeName.INT64 && l instanceof TimestampLogicalTypeAnnotation ts
          && ts.getUnit() == TimeUnit.MICROS && !ts.isAdjustedToUTC();
      case STRING -> isString(t);
      case FLOAT32 -> p == PrimitiveTypeName.FLOAT && l == null;
      case FLOAT64 -> p == PrimitiveTypeName.DOUBLE && l == null;
      case BOOL -> p == PrimitiveTypeName.BOOLEAN;
      case STRING_LIST -> false;
    };
  }

  /** A LIST-annotated group whose one repeated group holds one string element (the three-level list). */
  private static boolean isStringList(Type t) {
    if (t.isPrimitive() || !(t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
      return false;
    }
    GroupType list = t.asGroupType();
    if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      return false;
    }
    Type repeated = list.getType(0);
    Type element = repeated.isPrimitive() ? repeated
        : repeated.asGroupType().getFieldCount() == 1 ? repeated.asGroupType().getType(0) : null;
    return element != null && isString(element);
  }

  private static boolean isString(Type t) {
    return t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
        && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
  }

  private static String describe(Type t) {
    if (!t.isPrimitive()) {
      LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
      return "group" + (l == null ? "" : " " + l);
    }
    LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
    return t.asPrimitiveType().getPrimitiveTypeName() + (l == null ? "" : " " + l)
        + (t.isRepetition(Type.Repetition.REPEATED) ? " (repeated)" : "");
  }
}
