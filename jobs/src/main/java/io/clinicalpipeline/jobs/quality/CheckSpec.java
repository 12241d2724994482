package io.clinicalpipeline.jobs.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One check as a suite file writes it. {@code type} says what is checked:
 *
 * <ul>
 *   <li>{@code violation}: rows where the SQL predicate {@code violation} holds violate;
 *   <li>{@code complete}, {@code pattern}, {@code no-match}, {@code in-set}, {@code not-in-set},
 *       {@code range}, {@code finite}: per-column row checks on {@code column} or {@code columns};
 *   <li>{@code unique}: the combination of {@code columns} (or {@code column}) is unique;
 *   <li>{@code mean-between}: the mean of {@code column} lies in [{@code min}, {@code max}];
 *   <li>{@code min-rows}: the table has at least {@code min-rows} rows;
 *   <li>{@code present}: the table exists; {@code schema}: the columns of the model ({@code expect:
 *       raw}) are there with their types, and none of {@code forbid} is;
 *   <li>{@code phi-leak}: no direct identifier of the raw patients table in any text column.
 * </ul>
 *
 * <p>{@code table} may be {@code "*"} (every table of the checkpoint); a column may be {@code "*required"}
 * (the model's required columns), {@code "*features"} (numeric columns other than row_id and label) or
 * {@code "*ids"} (the table's id columns). {@code {table}} and {@code {column}} in {@code name} are
 * replaced per expansion. {@code threshold} is the largest share of violating rows that still passes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckSpec(
    @JsonProperty("name") String name,
    @JsonProperty("table") String table,
    @JsonProperty("type") String type,
    @JsonProperty("category") String category,
    @JsonProperty("subcategory") String subcategory,
    @JsonProperty("level") String level,
    @JsonProperty("threshold") Double threshold,
    @JsonProperty("description") String description,
    @JsonProperty("column") String column,
    @JsonProperty("columns") List<String> columns,
    @JsonProperty("violation") String violation,
    @JsonProperty("where") String where,
    @JsonProperty("pattern") String pattern,
    @JsonProperty("values") List<String> values,
    @JsonProperty("min") Double min,
    @JsonProperty("max") Double max,
    @JsonProperty("min-rows") Long minRows,
    @JsonProperty("expect") String expect,
    @JsonProperty("forbid") List<String> forbid) {

  /** The columns this check names: {@code columns}, else {@code column}, else none. */
  public List<String> columnList() {
    if (columns != null && !columns.isEmpty()) {
      return columns;
    }
    return column == null ? List.of() : List.of(column);
  }
}
