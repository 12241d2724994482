package io.clinicalpipeline.launch.sagemaker;

import io.clinicalpipeline.launch.config.PipelineConfig.SageMaker;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import io.clinicalpipeline.launch.graph.Step;
import io.clinicalpipeline.launch.graph.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run costs: for each billed step, instance type × count × expected minutes × the hourly price
 * from the config's price table ({@code sagemaker.prices}); the training line shows the managed-spot
 * discount ({@code sagemaker.spot-discount}) next to its on-demand cost. An estimate, not a bill.
 */
public record CostEstimate(List<Line> lines, boolean complete) {

  /** Expected minutes per step when {@code sagemaker.expected-minutes} does not say. */
  static final Map<String, Double> DEFAULT_MINUTES =
      Map.of(
          PipelineGraph.INGEST, 10.0,
          PipelineGraph.QUALITY_RAW, 6.0,
          PipelineGraph.DEIDENTIFY, 15.0,
          PipelineGraph.QUALITY_DEID, 8.0,
          PipelineGraph.FEATURES, 10.0,
          PipelineGraph.QUALITY_FEATURES, 6.0,
          PipelineGraph.TRAIN, 30.0,
          "score-test", 10.0,
          PipelineGraph.EVALUATE, 5.0);

  /** One billed step. {@code spotCost} is empty-equivalent ({@code -1}) unless the step runs on spot. */
  public record Line(
      String step, String instanceType, int count, double minutes, Double pricePerHour, double onDemand, double spot) {

    public boolean onSpot() {
      return spot >= 0;
    }

    public double cost() {
      return onSpot() ? spot : onDemand;
    }
  }

  public static CostEstimate of(PipelineGraph graph) {
    SageMaker sm = graph.config().requireSageMaker();
    List<Line> lines = new ArrayList<>();
    boolean complete = true;
    for (Step s : graph.steps()) {
      if (s.kind() == StepKind.JOB) {
        complete &= add(lines, sm, s.name(), sm.processing().instanceType(), sm.processing().instanceCount(), false);
      } else if (s.kind() == StepKind.TRAIN) {
        complete &= add(lines, sm, s.name(), sm.training().instanceType(), 1, sm.training().spot());
        complete &= add(lines, sm, "score-test", sm.transformInstanceType(), 1, false);
      }
    }
    return new CostEstimate(List.copyOf(lines), complete);
  }

  private static boolean add(List<Line> lines, SageMaker sm, String step, String type, int count, boolean spot) {
    double minutes = sm.expectedMinutes().getOrDefault(step, DEFAULT_MINUTES.getOrDefault(step, 10.0));
    Double price = sm.pricesPerHour().get(type);
    double onDemand = price == null ? 0 : price * count * minutes / 60.0;
    double spotCost = spot ? onDemand * (1 - sm.spotDiscount()) : -1;
    lines.add(new Line(step, type, count, minutes, price, onDemand, spotCost));
    return price != null;
  }

  public double total() {
    return lines.stream().mapToDouble(Line::cost).sum();
  }

  public double totalOnDemand() {
    return lines.stream().mapToDouble(Line::onDemand).sum();
  }

  public String render(double spotDiscount) {
    StringBuilder sb = new StringBuilder("Cost estimate per run (USD; instance-hours × sagemaker.prices):\n");
    sb.append(String.format(Locale.ROOT, "  %-18s %-16s %5s %7s %9s %9s%n", "step", "instance", "count", "minutes", "$/hour", "cost"));
    for (Line l : lines) {
      String price = l.pricePerHour() == null ? "?" : String.format(Locale.ROOT, "%.3f", l.pricePerHour());
      String cost = l.pricePerHour() == null ? "?" : String.format(Locale.ROOT, "%.2f", l.cost());
      sb.append(String.format(Locale.ROOT, "  %-18s %-16s %5d %7.0f %9s %9s", l.step(), l.instanceType(), l.count(), l.minutes(), price, cost));
      if (l.onSpot() && l.pricePerHour() != null) {
        sb.append(String.format(Locale.ROOT, "  (spot, %.0f%% off %.2f on demand)", spotDiscount * 100, l.onDemand()));
      }
      sb.append('\n');
    }
    sb.append(String.format(Locale.ROOT, "  total %.2f (on demand %.2f)%s%n", total(), totalOnDemand(),
        complete ? "" : "; incomplete: instance types marked ? have no price in sagemaker.prices"));
    return sb.toString();
  }
}
