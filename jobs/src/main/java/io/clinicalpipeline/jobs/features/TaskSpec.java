package io.clinicalpipeline.jobs.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clinicalpipeline.common.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A prediction task: who is indexed when, what is predicted over which window, who is excluded, and which
 * features are built. Read from YAML (see {@code tasks/*.yaml} beside this class for the shipped tasks and
 * the features section of the jobs README for every key); every key is checked and a bad one is named.
 *
 * <p>All windows are in days. Lookback windows end strictly before the prediction time; the label window
 * {@code (start-days, end-days]} starts after it.
 */
public record TaskSpec(
    String name,
    String description,
    Index index,
    PredictionTime predictionTime,
    List<Integer> lookbackWindows,
    Label label,
    int minAge,
    Exclusions exclusions,
    Features features,
    Split split,
    String source) {

  /** Tasks shipped in the jar, by name; the first is the default. */
  public static final List<String> SHIPPED = List.of("acute-revisit-30d", "acute-care-1y", "readmission-30d");

  public static final String DEFAULT = SHIPPED.get(0);

  /** Which index events of a patient become examples. */
  public enum Select {
    ALL,
    FIRST,
    LAST
  }

  /** The index encounter's instant the prediction time is measured from. */
  public enum Anchor {
    START,
    END
  }

  /** What the label looks for. */
  public enum Outcome {
    ENCOUNTER,
    CONDITION,
    DEATH
  }

  /** Per-window code features: number of events, or 1 when any. */
  public enum CodeAggregation {
    COUNT,
    PRESENCE
  }

  /** Index events: encounters of the given classes (case-insensitive), one example each or one per patient. */
  public record Index(List<String> encounterClasses, Select select) {}

  /** Prediction time = the index encounter's anchor + offset. */
  public record PredictionTime(Anchor anchor, int offsetHours) {}

  /**
   * The label is 1 when an outcome event falls in (prediction time + startDays, prediction time + endDays].
   * Date-only outcomes (condition onset, death) count by calendar day, the prediction day included.
   */
  public record Label(Outcome outcome, List<String> encounterClasses, List<String> codes, int startDays, int endDays) {}

  /**
   * priorOutcomeDays: drop examples with an outcome in that many days before the prediction time (0 = off).
   * minHistoryDays: drop examples whose first encounter is less than that many days before it.
   * requireFullFollowUp: drop negatives whose label window runs past the end of the data.
   */
  public record Exclusions(int priorOutcomeDays, int minHistoryDays, boolean requireFullFollowUp) {}

  /**
   * Code features of conditions, procedures and medications. rollUpPrefix 0 keeps full codes; maxKeys
   * keeps, per source, the codes with the most training events (0: every code over minCount).
   */
  public record Codes(List<String> sources, int minCount, CodeAggregation aggregation, int rollUpPrefix, int maxKeys) {}

  /** Numeric observations per code and window; maxKeys keeps the codes with the most training values (0: all). */
  public record Observations(boolean enabled, int minCount, List<String> stats, int maxKeys) {}

  /** Default {@code max-keys} of codes (per source) and of observations. */
  public static final int DEFAULT_MAX_CODE_KEYS = 50;

  public static final int DEFAULT_MAX_OBSERVATION_KEYS = 30;

  /** Hashed term frequencies of the notes in the last windowDays, weighted by IDF fitted on train. */
  public record Notes(boolean enabled, int hashBuckets, int windowDays, int minTokenLength) {}

  public record Features(boolean raceEthnicity, boolean utilisation, Codes codes, Observations observations, Notes notes) {}

  /** Patient-level split: ratios of patients, hashed with salt; optionally stratified by any positive label. */
  public record Split(double train, double validation, double test, boolean stratifyByLabel, String salt) {}

  public static final List<String> CODE_SOURCES = List.of("conditions", "procedures", "medications");
  public static final List<String> OBSERVATION_STATS = List.of("last", "mean", "min", "max", "count");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A shipped task by name. */
  public static TaskSpec shipped(String name) {
    if (!SHIPPED.contains(name)) {
      throw new InvalidTaskSpecException("no shipped task named " + name + " (shipped: " + SHIPPED + ")");
    }
    String resource = "tasks/" + name + ".yaml";
    try (InputStream in = TaskSpec.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and validates YAML text. */
  public static TaskSpec parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidTaskSpecException("the task spec is not valid YAML (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      throw new InvalidTaskSpecException("the task spec is empty");
    }
    SpecNode r = new SpecNode(root, "");
    String name = r.requiredString("name");
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new InvalidTaskSpecException("name must be lowercase letters, digits and dashes: " + name);
    }
    String description = r.string("description", "-");

    SpecNode i = r.child("index");
    Index index =
        new Index(lower(i.strings("encounter-classes", null)), i.choice("select", Select.class, Select.ALL));
    i.finish();

    SpecNode p = r.child("prediction-time");
    PredictionTime predictionTime =
        new PredictionTime(p.choice("anchor", Anchor.class, Anchor.END), p.integer("offset-hours", 0, -24 * 366, 24 * 366));
    p.finish();

    List<Integer> windows = r.integers("lookback-windows", List.of(30, 365, 1825), 1, 36600);

    SpecNode l = r.child("label");
    Outcome outcome = l.choice("outcome", Outcome.class, null);
    List<String> labelClasses = lower(l.strings("encounter-classes", List.of()));
    List<String> codes = l.strings("codes", List.of());
    SpecNode lw = l.child("window");
    int start = lw.integer("start-days", 0, 0, 36600);
    int end = lw.integer("end-days", null, 1, 36600);
    lw.finish();
    l.finish();
    if (end <= start) {
      throw new InvalidTaskSpecException("label.window.end-days must be greater than label.window.start-days: " + end);
    }
    if (outcome == Outcome.ENCOUNTER && labelClasses.isEmpty()) {
      throw new InvalidTaskSpecException("label.encounter-classes is required when label.outcome is encounter");
    }
    if (outcome == Outcome.CONDITION && codes.isEmpty()) {
      throw new InvalidTaskSpecException("label.codes is required when label.outcome is condition");
    }
    if (outcome != Outcome.ENCOUNTER && !labelClasses.isEmpty()) {
      throw new InvalidTaskSpecException("label.encounter-classes applies only when label.outcome is encounter");
    }
    if (outcome != Outcome.CONDITION && !codes.isEmpty()) {
      throw new InvalidTaskSpecException("label.codes applies only when label.outcome is condition");
    }
    Label label = new Label(outcome, labelClasses, codes, start, end);

    int minAge = r.integer("min-age", 0, 0, 90);

    SpecNode x = r.child("exclusions");
    Exclusions exclusions =
        new Exclusions(
            x.integer("prior-outcome-days", 0, 0, 36600),
            x.integer("min-history-days", 0, 0, 36600),
            x.bool("require-full-follow-up", true));
    x.finish();
    if (exclusions.priorOutcomeDays() > 0 && outcome == Outcome.DEATH) {
      throw new InvalidTaskSpecException("exclusions.prior-outcome-days does not apply when label.outcome is death");
    }

    SpecNode f = r.child("features");
    boolean raceEthnicity = f.bool("race-ethnicity", false);
    boolean utilisation = f.bool("utilisation", true);
    SpecNode c = f.child("codes");
    List<String> sources = c.choices("sources", CODE_SOURCES, CODE_SOURCES);
    Codes codeFeatures =
        new Codes(
            List.copyOf(new TreeSet<>(sources)),
            c.integer("min-count", 5, 1, Integer.MAX_VALUE),
            c.choice("aggregation", CodeAggregation.class, CodeAggregation.COUNT),
            c.integer("roll-up-prefix", 0, 0, 64),
            c.integer("max-keys", DEFAULT_MAX_CODE_KEYS, 0, Integer.MAX_VALUE));
    c.finish();
    SpecNode o = f.child("observations");
    List<String> stats = o.choices("stats", OBSERVATION_STATS, OBSERVATION_STATS);
    Observations observations =
        new Observations(
            o.bool("enabled", true),
            o.integer("min-count", 5, 1, Integer.MAX_VALUE),
            OBSERVATION_STATS.stream().filter(stats::contains).toList(),
            o.integer("max-keys", DEFAULT_MAX_OBSERVATION_KEYS, 0, Integer.MAX_VALUE));
    o.finish();
    SpecNode n = f.child("notes");
    Notes notes =
        new Notes(
            n.bool("enabled", true),
            n.integer("hash-buckets", 64, 1, 1 << 16),
            n.integer("window-days", 365, 1, 36600),
            n.integer("min-token-length", 3, 1, 64));
    n.finish();
    f.finish();
    Features features = new Features(raceEthnicity, utilisation, codeFeatures, observations, notes);

    SpecNode s = r.child("split");
    SpecNode ratios = s.child("ratios");
    double train = ratios.number("train", 0.7, 0, 1);
    double validation = ratios.number("validation", 0.15, 0, 1);
    double test = ratios.number("test", 0.15, 0, 1);
    ratios.finish();
    Split split = new Split(train, validation, test, s.bool("stratify-by-label", false), s.string("salt", "clinical-pipeline"));
    s.finish();
    if (Math.abs(train + validation + test - 1.0) > 1e-9) {
      throw new InvalidTaskSpecException("split.ratios must add up to 1: " + (train + validation + test));
    }
    if (train <= 0) {
      throw new InvalidTaskSpecException("split.ratios.train must be greater than 0");
    }
    r.finish();
    return new TaskSpec(
        name, description, index, predictionTime, windows, label, minAge, exclusions, features, split, yaml);
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  /** The longest lookback any feature needs, in days. */
  public int maxLookbackDays() {
    int max = widestLookbackDays();
    return features.notes().enabled() ? Math.max(max, features.notes().windowDays()) : max;
  }

  /** The widest lookback window, whatever order the spec lists them in. */
  public int widestLookbackDays() {
    return java.util.Collections.max(lookbackWindows);
  }

  /** Every window the aggregation computes: the lookback windows plus the notes window. */
  public List<Integer> aggregationWindows() {
    TreeSet<Integer> all = new TreeSet<>(lookbackWindows);
    if (features.notes().enabled()) {
      all.add(features.notes().windowDays());
    }
    return List.copyOf(all);
  }

  /** SHA-256 of the YAML text, for the manifest. */
  public String digest() {
    return Manifest.sha256(source);
  }
}
