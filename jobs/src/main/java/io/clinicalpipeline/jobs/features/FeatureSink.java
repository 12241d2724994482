package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clinicalpipeline.common.io.OutputFiles;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.jobs.features.FeatureMatrix.Feature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Owns the layout of the feature job's output folder:
 *
 * <pre>
 * train/ validation/ test/          part-00000.csv: label first, no header (SageMaker XGBoost)
 * parquet/{train,validation,test}/  row_id, label, features
 * transform/test/                   part-00000.csv: row_id,f1..fn, no header (batch transform input)
 * examples/                         row_id, patient_id, index_time, split, label, sex, age, age_band, race, ethnicity
 * feature_manifest.json, task_spec.yaml, _manifest.json
 * </pre>
 *
 * Every folder is one file sorted by row_id, so the same input gives byte-identical output; the CSV
 * channel folders hold only that file.
 */
final class FeatureSink {

  static final String FEATURE_MANIFEST = "feature_manifest.json";
  /** The task spec's YAML as given: with the feature manifest, the fitted transform that scoring reloads. */
  static final String TASK_SPEC = "task_spec.yaml";
  static final List<String> EXAMPLE_COLUMNS =
      List.of("row_id", "patient_id", "index_time", "split", "label", "sex", "age", "age_band", "race", "ethnicity");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Storage storage;
  private final String output;

  FeatureSink(Storage storage, String output) {
    this.storage = storage;
    this.output = output;
  }

  String location(String... parts) {
    return Storage.resolve(output, parts);
  }

  /**
   * Per split: Parquet with one column per feature, and the CSV channels as text lines formatted on the
   * executors from the feature array ({@link CsvLines}): CSV through Spark's writer would need rows with
   * one field per feature.
   */
  void writeChannels(FeatureMatrix.Result matrix) {
    List<Feature> features = matrix.features();
    int fixed = matrix.fixedFeatures();
    List<Column> lineColumns = new ArrayList<>(List.of(col("row_id"), col("label")));
    for (int i = 0; i < fixed; i++) {
      lineColumns.add(col(features.get(i).name()));
    }
    lineColumns.add(col(FeatureMatrix.EVENT_FEATURES));
    for (String split : Splits.ALL) {
      Dataset<Row> rows = sorted(matrix.vectors().where(col("split").equalTo(split)))
          .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
      matrix.wide(rows, List.of(col("row_id"), col("label")))
          .write().mode(SaveMode.Overwrite).parquet(location("parquet", split));
      Dataset<Row> selected = rows.select(lineColumns.toArray(Column[]::new));
      channel(selected.mapPartitions(new CsvLines(features, fixed, false), Encoders.STRING()), location(split));
      if (split.equals(Splits.TEST)) {
        channel(selected.mapPartitions(new CsvLines(features, fixed, true), Encoders.STRING()), location("transform", "test"));
      }
      rows.unpersist();
    }
  }

  void writeExamples(Dataset<Row> examples) {
    sorted(examples.select(EXAMPLE_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new)))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(location("examples"));
  }

  void writeJson(String name, Object value) {
    try {
      storage.writeText(location(name), JSON.writeValueAsString(value) + "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The feature manifest: task, label, per-split counts and prevalence, and every feature column. */
  static Map<String, Object> featureManifest(
      TaskSpec spec, List<Feature> features, Map<String, Map<String, Object>> trainStats, Map<String, Object> splits) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", spec.name());
    m.put("description", spec.description());
    m.put("task_digest", spec.digest());
    Map<String, Object> label = new LinkedHashMap<>();
    label.put("csv_column", 0);
    label.put("outcome", spec.label().outcome().name().toLowerCase(java.util.Locale.ROOT));
    label.put("window_days", List.of(spec.label().startDays(), spec.label().endDays()));
    m.put("label", label);
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("csv", "label, then features in the order below; no header; missing values are empty fields");
    layout.put("parquet", "row_id, label, then features");
    layout.put("transform", "row_id, then features; no header");
    layout.put("events", "only events strictly before each example's prediction time");
    m.put("layout", layout);
    m.put("splits", splits);
    m.put("feature_count", features.size());
    List<Map<String, Object>> list = new ArrayList<>();
    int index = 1;
    for (Feature f : features) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("csv_column", index++);
      e.put("name", f.name());
      e.put("type", f.type());
      e.put("source", f.source());
      e.put("key", f.key());
      e.put("stat", f.stat());
      e.put("window_days", f.windowDays());
      if (f.idf() != null) {
        e.put("idf", f.idf());
      }
      e.put("train", trainStats.get(f.name()));
      list.add(e);
    }
    m.put("features", list);
    return m;
  }

  /** One partition sorted by row_id: one file per folder, the same bytes for the same input. */
  private static Dataset<Row> sorted(Dataset<Row> rows) {
    return rows.coalesce(1).sortWithinPartitions("row_id");
  }

  /**
   * A CSV channel as SageMaker reads it: {@code part-00000.csv} and nothing else in the folder (the
   * built-in XGBoost container refuses hidden files; batch transform sends every object under the prefix).
   */
  private void channel(Dataset<String> lines, String location) {
    lines.write().mode(SaveMode.Overwrite).text(location);
    OutputFiles.publishParts(storage, location, ".csv");
  }
}
