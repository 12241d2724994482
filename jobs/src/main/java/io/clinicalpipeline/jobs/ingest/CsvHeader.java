package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clinicalpipeline.common.JobRunner.InputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * The header of one Synthea CSV file, checked before its data is read: it must be UTF-8 text, comma
 * separated and hold the columns that the table's required fields come from; otherwise the job fails with
 * exit code 2 naming the file, line 1 and the missing columns (never what the line holds: a file without a
 * header starts with data). Also explains, per line, why a line does not parse ({@link #lineProblem}).
 */
final class CsvHeader {

  /** Synthea columns behind each table's required fields (see {@code RawSchemas}). */
  static final Map<String, List<String>> REQUIRED =
      Map.of(
          "patients", List.of("Id"),
          "encounters", List.of("Id", "PATIENT", "START"),
          "conditions", List.of("PATIENT", "CODE", "START"),
          "observations", List.of("PATIENT", "CODE", "DATE"),
          "medications", List.of("PATIENT", "CODE", "START"),
          "procedures", List.of("PATIENT", "CODE", "START"));

  private static final String NAME = "[A-Za-z_][A-Za-z0-9_ .-]*";

  /** Column names in file order, de-duplicated. */
  final Set<String> names;
  /** What a problem names a column by: its header name when that looks like one, else its position. */
  private final List<String> labels;

  private CsvHeader(Set<String> names, List<String> labels) {
    this.names = names;
    this.labels = labels;
  }

  /** Parses and checks the first line of {@code sourceName}, a file of Synthea's {@code stem} table. */
  static CsvHeader parse(String sourceName, String stem, String line) {
    String where = sourceName + " line 1: ";
    if (line.chars().anyMatch(c -> c == 0 || c == 0xFFFD || (c < 0x20 && c != '\t'))) {
      throw new InputException(where + "not a CSV header (binary data, or text that is not UTF-8)");
    }
    Set<String> names = new LinkedHashSet<>();
    List<String> labels = new ArrayList<>();
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      String name = cells[i].strip().replaceAll("^\"|\"$", "");
      if (!name.isEmpty()) {
        names.add(name);
      }
      labels.add(name.matches(NAME) ? name : "column " + (i + 1));
    }
    List<String> missing = new ArrayList<>(REQUIRED.getOrDefault(stem, List.of()));
    missing.removeAll(names);
    if (!missing.isEmpty()) {
      String delimiter = cells.length > 1 ? null : otherDelimiter(line);
      throw new InputException(
          where
              + (delimiter != null
                  ? "fields are separated by " + delimiter + ", not by commas"
                  : "the header lacks required column(s) " + String.join(", ", missing))
              + " (expected Synthea's comma-separated " + stem + " header)");
    }
    return new CsvHeader(names, labels);
  }

  private static String otherDelimiter(String line) {
    if (line.indexOf(';') >= 0) {
      return "semicolons";
    }
    if (line.indexOf('\t') >= 0) {
      return "tabs";
    }
    return line.indexOf('|') >= 0 ? "vertical bars" : null;
  }

  /** The all-text schema {@code from_csv} parses lines with, plus the corrupt-record column. */
  StructType schema(String corrupt) {
    StructType schema = new StructType();
    for (String n : names) {
      schema = schema.add(n, StringType, true);
    }
    return schema.add(corrupt, StringType, true);
  }

  /**
   * Why a line is malformed, as (field, reason) columns, given whether {@code from_csv} found it corrupt:
   * an odd number of quotes is an unterminated quote in the column where it opens; otherwise a line with
   * more or fewer fields than the header names the first column beyond it or the first one missing.
   * Built-in functions only; the field count is computed only for lines that are malformed.
   */
  Column[] lineProblem(Column line, Column corrupt) {
    Column quotes = length(line).minus(length(regexp_replace(line, "\"", "")));
    Column unterminated = line.contains("\"").and(quotes.mod(2).equalTo(1));
    Column unquoted = regexp_replace(line, "\"[^\"]*\"", "");
    Column fields = size(split(unquoted, ",", -1));
    Column quoteAt = size(split(regexp_extract(unquoted, "^([^\"]*)\"", 1), ",", -1));
    int n = labels.size();
    Column field =
        when(line.isNull(), lit(null).cast(StringType))
            .when(unterminated, label(quoteAt))
            .when(corrupt.and(fields.gt(n)), lit("column " + (n + 1)))
            .when(corrupt.and(fields.lt(n)), label(fields.plus(1)));
    Column reason =
        when(line.isNull(), lit(IngestTransform.UNREADABLE))
            .when(unterminated, lit(IngestTransform.UNTERMINATED_QUOTE))
            .when(corrupt.and(fields.gt(n)), lit(IngestTransform.EXTRA_FIELDS))
            .when(corrupt.and(fields.lt(n)), lit(IngestTransform.MISSING_FIELDS))
            .when(corrupt, lit(IngestTransform.MALFORMED_CSV));
    return new Column[] {field, reason};
  }

  /** The label of the 1-based column {@code position}. */
  private Column label(Column position) {
    Column[] all = labels.stream().map(l -> lit(l)).toArray(Column[]::new);
    return when(position.leq(labels.size()), element_at(array(all), position));
  }
}
