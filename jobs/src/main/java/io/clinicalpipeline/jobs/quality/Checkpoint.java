package io.clinicalpipeline.jobs.quality;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.List;
/** Where in the pipeline a suite runs, and which tables it expects there. */
public enum Checkpoint {
  RAW(RawSchemas.TABLES),
  DEID(RawSchemas.TABLES),
  FEATURES(List.of(Checkpoint.FEATURES_TABLE, Checkpoint.EXAMPLES_TABLE));

  /** The three Parquet splits of the feature table read as one table with a {@code split} column. */
  public static final String FEATURES_TABLE = "features";

  public static final String EXAMPLES_TABLE = "examples";

  public static final List<String> SPLITS = List.of("train", "validation", "test");

  private final List<String> tables;

  Checkpoint(List<String> tables) {
    this.tables = tables;
  }

  public List<String> tables() {
    return tables;
  }

  public String label() {
    return Labels.of(this);
  }

  public static Checkpoint parse(String value) {
    return Labels.parse(values(), value, "checkpoint must be raw, deid or features");
  }
}
