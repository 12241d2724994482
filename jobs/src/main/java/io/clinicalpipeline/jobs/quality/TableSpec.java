package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * How a suite prepares one table before its checks run: the id columns that identify a violating row in
 * the evidence (reported as pseudonyms only), lookups into other tables, and derived columns (SQL
 * expressions, window functions allowed) that checks can name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableSpec(
    @JsonProperty("ids") List<String> ids,
    @JsonProperty("joins") List<JoinSpec> joins,
    @JsonProperty("derive") Map<String, String> derive) {

  public List<String> idList() {
    return ids == null ? List.of() : ids;
  }

  public List<JoinSpec> joinList() {
    return joins == null ? List.of() : joins;
  }

  public Map<String, String> deriveMap() {
    return derive == null ? Map.of() : derive;
  }

  /**
   * A left lookup into {@code table} on {@code on} (same column name on both sides): adds {@code columns}
   * of the first matching row, and a boolean column {@code found} that is true when a match exists.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JoinSpec(
      @JsonProperty("table") String table,
      @JsonProperty("on") String on,
      @JsonProperty("columns") List<String> columns,
      @JsonProperty("found") String found) {

    public List<String> columnList() {
      return columns == null ? List.of() : columns;
    }
  }
}
