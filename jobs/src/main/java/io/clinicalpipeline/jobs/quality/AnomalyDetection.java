package io.clinicalpipeline.jobs.quality;

import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.OnlineNormalStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.ArrayList;
import java.util.List;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Deequ's anomaly strategies over a metric's series (oldest first, the current run last), wrapped so the
 * caller passes a Java list and gets a boolean.
 */
final class AnomalyDetection {

  private AnomalyDetection() {}

  /** Builds the Deequ strategy a spec names; fails naming the spec when it is not one we know. */
  static AnomalyDetectionStrategy strategy(AnomalySpec spec, String where) {
    Option<Object> down = spec.maxDecrease() == null ? Option.empty() : Option.apply(spec.maxDecrease());
    Option<Object> up = spec.maxIncrease() == null ? Option.empty() : Option.apply(spec.maxIncrease());
    return switch (spec.strategy()) {
      case "relative-rate-of-change" -> new RelativeRateOfChangeStrategy(down, up, 1);
      case "absolute-change" -> new AbsoluteChangeStrategy(down, up, 1);
      case "online-normal" -> new OnlineNormalStrategy(down, up, 0.1, true);
      default ->
          throw new UsageException(
              where
                  + ": strategy must be relative-rate-of-change, absolute-change or online-normal: "
                  + spec.strategy());
    };
  }

  /** Whether the last value of {@code series} is an anomaly against the ones before it. */
  static boolean lastIsAnomalous(AnomalySpec spec, List<Double> series) {
    if (series.size() < 2) {
      return false;
    }
    List<Object> boxed = new ArrayList<>(series);
    scala.collection.immutable.Vector<Object> vector = JavaConverters.asScalaBuffer(boxed).toVector();
    int last = series.size() - 1;
    return !strategy(spec, "anomaly")
        .detect(vector, new Tuple2<>(last, last + 1))
        .isEmpty();
  }
}
