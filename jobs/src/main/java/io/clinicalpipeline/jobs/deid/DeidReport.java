package io.clinicalpipeline.jobs.deid;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code deid_report.json}: what the job did, per table, as counts and column names only (never values).
 * Deterministic: no times, sorted keys.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class DeidReport {

  public static final String FILE_NAME = "deid_report.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @JsonProperty public String datePolicy;
  @JsonProperty public String replacement;
  @JsonProperty public String referenceDate;
  @JsonProperty public Map<String, TableReport> tables = new TreeMap<>();

  /** One table's report. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static final class TableReport {
    @JsonProperty public long rows;
    @JsonProperty public List<String> droppedColumns = new ArrayList<>();
    @JsonProperty public List<String> pseudonymizedColumns = new ArrayList<>();
    @JsonProperty public List<String> dateColumns = new ArrayList<>();
    /** PHI type → count: columns removed, values generalised, or PHI spans replaced in notes. */
    @JsonProperty public Map<String, Long> phi = new TreeMap<>();
  }

  public TableReport table(String name) {
    return tables.computeIfAbsent(name, n -> new TableReport());
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DeidReport fromJson(String json) {
    try {
      return JSON.readValue(json, DeidReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a valid " + FILE_NAME, e);
    }
  }
}
