package io.clinicalpipeline.jobs.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A monotone map from the model's raw score to a calibrated probability, fitted on the validation split
 * and stored beside the model as {@value #FILE} (see {@link #describe()} for its fields).
 */
public sealed interface Calibrator extends Serializable permits PlattScaling, IsotonicCalibration {

  /** The file beside the model in {@code /opt/ml/model}. */
  String FILE = "calibrator.json";

  /** {@code platt} or {@code isotonic}. */
  String kind();

  /** The calibrated probability of a raw score in [0, 1]. */
  double apply(double raw);

  /** The fields of {@value #FILE} that define the map: kind and parameters or breakpoints. */
  Map<String, Object> parameters();

  /** Calibrates every score. */
  default double[] apply(double[] raw) {
    double[] p = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      p[i] = apply(raw[i]);
    }
    return p;
  }

  /** Reads what {@link #parameters()} wrote (the other fields of the file are ignored). */
  static Calibrator read(JsonNode node) {
    String kind = node.path("kind").asText();
    switch (kind) {
      case PlattScaling.KIND:
        return new PlattScaling(node.path("intercept").asDouble(), node.path("slope").asDouble());
      case IsotonicCalibration.KIND: {
        JsonNode x = node.path("thresholds");
        JsonNode y = node.path("values");
        if (x.size() != y.size() || x.isEmpty()) {
          throw new IllegalArgumentException(FILE + ": thresholds and values must be non-empty and of one length");
        }
        double[] xs = new double[x.size()];
        double[] ys = new double[y.size()];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = x.get(i).asDouble();
          ys[i] = y.get(i).asDouble();
        }
        return new IsotonicCalibration(xs, ys);
      }
      default:
        throw new IllegalArgumentException(FILE + ": unknown kind (expected platt or isotonic)");
    }
  }

  /** The fields for the file: the kind first, then the given names and values in order. */
  static Map<String, Object> fields(String kind, Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return m;
  }
}
