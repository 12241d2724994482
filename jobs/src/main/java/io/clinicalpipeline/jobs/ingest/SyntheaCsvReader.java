package io.clinicalpipeline.jobs.ingest;

import static io.clinicalpipeline.jobs.ingest.Canonical.blankToNull;
import static io.clinicalpipeline.jobs.ingest.Canonical.nullString;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads Synthea's CSV export ({@code patients.csv}, {@code encounters.csv}, {@code conditions.csv},
 * {@code observations.csv}, {@code medications.csv}, {@code procedures.csv}, each optionally compressed)
 * into the staged raw model, and the {@code notes/} text files when they are there.
 *
 * <p>Each file is read as numbered lines ({@link NumberedLines}) and each line parsed with Spark's own CSV
 * parser ({@code from_csv}) against a schema of all-text columns built from that file's header, with
 * {@code columnNameOfCorruptRecord}: a line with the wrong number of fields or an unclosed quote is kept and
 * quarantined with its line number, never dropped. Types are checked later, per field.
 *
 * <p>Each header is checked first ({@link CsvHeader}); a line that does not parse is quarantined naming
 * the column where it goes wrong. Notes: see {@link SyntheaNotes}.
 */
final class SyntheaCsvReader {

  static final String CORRUPT = "_corrupt";

  private final SparkSession spark;
  private final SourceFiles files;
  private final String csvFolder;
  private final Map<String, List<String>> sources = new LinkedHashMap<>();

  SyntheaCsvReader(SparkSession spark, SourceFiles files, String csvFolder) {
    this.spark = spark;
    this.files = files;
    this.csvFolder = csvFolder;
  }

  /** Every table of the raw model, staged; patients and encounters must have a file. */
  Staged.Tables read() {
    files.require(csvFolder, "csv", "patients", "encounters");
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(RawSchemas.PATIENTS, table(RawSchemas.PATIENTS, "patients", SyntheaCsvReader::patients));
    Dataset<Row> encounters = table(RawSchemas.ENCOUNTERS, "encounters", SyntheaCsvReader::encounters);
    out.put(RawSchemas.ENCOUNTERS, encounters);
    out.put(RawSchemas.CONDITIONS, table(RawSchemas.CONDITIONS, "conditions", SyntheaCsvReader::conditions));
    out.put(
        RawSchemas.OBSERVATIONS, table(RawSchemas.OBSERVATIONS, "observations", SyntheaCsvReader::observations));
    out.put(
        RawSchemas.MEDICATIONS, table(RawSchemas.MEDICATIONS, "medications", SyntheaCsvReader::medications));
    out.put(RawSchemas.PROCEDURES, table(RawSchemas.PROCEDURES, "procedures", SyntheaCsvReader::procedures));
    SyntheaNotes notes = new SyntheaNotes(spark, files);
    out.put(RawSchemas.NOTES, notes.read(encounters));
    notes.folder().ifPresent(f -> sources.put(RawSchemas.NOTES, List.of(f)));
    return new Staged.Tables(out, sources);
  }

  /** How one CSV file's parsed columns (by header name) become the model's columns. */
  @FunctionalInterface
  interface Mapping {
    Map<String, Column> columns(Fields f);
  }

  /** The parsed fields of one file: a header name the file lacks reads as null. */
  static final class Fields {
    private final Set<String> header;

    Fields(Set<String> header) {
      this.header = header;
    }

    Column get(String name) {
      return header.contains(name) ? blankToNull(col("r.`" + name + "`")) : nullString();
    }

    boolean has(String name) {
      return header.contains(name);
    }
  }

  private Dataset<Row> table(String table, String stem, Mapping mapping) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String file : files.find(csvFolder, stem, "csv")) {
      String sourceName = files.sourceName(file);
      sources.computeIfAbsent(table, t -> new ArrayList<>()).add(sourceName);
      String first = NumberedLines.firstLine(spark, file, sourceName);
      if (first == null) {
        continue;
      }
      CsvHeader header = CsvHeader.parse(sourceName, stem, first);
      Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
      Column line = col(NumberedLines.LINE);
      Dataset<Row> lines =
          NumberedLines.read(spark, file, sourceName)
              .filter(col(NumberedLines.RECORD).gt(1).and(line.isNull().or(length(line).gt(0))))
              .withColumn("r", from_csv(line, lit(header.schema(CORRUPT).toDDL()), options));
      Column[] problem = header.lineProblem(line, col("r").isNull().or(col("r." + CORRUPT).isNotNull()));
      Map<String, Column> values = mapping.columns(new Fields(header.names));
      parts.add(
          Staged.select(
              lines, table, values, keyOf(table, values), problem[0], problem[1], line.contains(Staged.REPLACEMENT)));
    }
    return Staged.union(spark, table, parts);
  }

  private static Column keyOf(String table, Map<String, Column> values) {
    if (RawSchemas.PATIENTS.equals(table)) {
      return values.get("patient_id");
    }
    if (RawSchemas.ENCOUNTERS.equals(table)) {
      return values.get("encounter_id");
    }
    return nullString();
  }

  static Map<String, Column> patients(Fields f) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("patient_id", f.get("Id"));
    m.put("birth_date", f.get("BIRTHDATE"));
    m.put("death_date", f.get("DEATHDATE"));
    m.put("ssn", f.get("SSN"));
    m.put("drivers_license", f.get("DRIVERS"));
    m.put("passport", f.get("PASSPORT"));
    m.put("prefix", f.get("PREFIX"));
    m.put("first_name", f.get("FIRST"));
    m.put("middle_name", f.get("MIDDLE"));
    m.put("last_name", f.get("LAST"));
    m.put("suffix", f.get("SUFFIX"));
    m.put("maiden_name", f.get("MAIDEN"));
    m.put("marital_status", f.get("MARITAL"));
    m.put("race", f.get("RACE"));
    m.put("ethnicity", f.get("ETHNICITY"));
    m.put("sex", f.get("GENDER"));
    m.put("birthplace", f.get("BIRTHPLACE"));
    m.put("address", f.get("ADDRESS"));
    m.put("city", f.get("CITY"));
    m.put("state", Canonical.state(f.get("STATE")));
    m.put("county", f.get("COUNTY"));
    m.put("fips", f.get("FIPS"));
    m.put("zip", f.get("ZIP"));
    m.put("latitude", f.get("LAT"));
    m.put("longitude", f.get("LON"));
    return m;
  }

  static Map<String, Column> encounters(Fields f) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("encounter_id", f.get("Id"));
    m.put("patient_id", f.get("PATIENT"));
    m.put("organization_id", f.get("ORGANIZATION"));
    m.put("provider_id", f.get("PROVIDER"));
    m.put("payer_id", f.get("PAYER"));
    m.put("encounter_class", Canonical.encounterClass(f.get("ENCOUNTERCLASS")));
    m.put("code_system", f.has("SYSTEM") ? Canonical.codeSystem(f.get("SYSTEM")) : whenCoded(f, "SNOMED"));
    m.put("code", f.get("CODE"));
    m.put("description", f.get("DESCRIPTION"));
    m.put("start_time", f.get("START"));
    m.put("end_time", f.get("STOP"));
    m.put("reason_code", f.get("REASONCODE"));
    m.put("reason_description", f.get("REASONDESCRIPTION"));
    return m;
  }

  static Map<String, Column> conditions(Fields f) {
    Map<String, Column> m = event(f, whenCoded(f, "SNOMED"));
    m.put("start_date", f.get("START"));
    m.put("stop_date", f.get("STOP"));
    return m;
  }

  /**
   * Synthea's observations carry no code system: LOINC codes are recognised by their form; anything else
   * (Synthea's own QALY, DALY and QOLS measures) has no system and is quarantined as such. A value that
   * reads as a number is numeric whatever {@code TYPE} says (FHIR carries such values as quantities);
   * only numeric values keep their unit (coded values carry none in FHIR, {@code {nominal}} in the CSV).
   */
  static Map<String, Column> observations(Fields f) {
    Map<String, Column> m = event(f, when(f.get("CODE").rlike(Canonical.LOINC_CODE), lit("LOINC")));
    Column value = f.get("VALUE");
    Column numeric = f.get("TYPE").equalTo("numeric").or(value.rlike(Canonical.NUMBER));
    m.put("category", f.get("CATEGORY"));
    m.put("value_numeric", when(numeric, value));
    m.put("value_text", when(numeric.isNull().or(numeric.equalTo(false)), value));
    m.put("units", when(numeric, f.get("UNITS")));
    m.put("effective_time", f.get("DATE"));
    return m;
  }

  static Map<String, Column> medications(Fields f) {
    Map<String, Column> m = timedEvent(f, when(f.get("CODE").rlike(Canonical.NUMERIC_CODE), lit("RxNorm")));
    m.put("dispenses", f.get("DISPENSES"));
    return m;
  }

  static Map<String, Column> procedures(Fields f) {
    return timedEvent(f, whenCoded(f, "SNOMED"));
  }

  /**
   * The columns every clinical event has: patient, encounter, code and its system (the file's
   * {@code SYSTEM} column when it has one, as Synthea 3.3 writes for some tables, else {@code inferred}).
   */
  private static Map<String, Column> event(Fields f, Column inferred) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("patient_id", f.get("PATIENT"));
    m.put("encounter_id", f.get("ENCOUNTER"));
    m.put("code_system", f.has("SYSTEM") ? Canonical.codeSystem(f.get("SYSTEM")) : inferred);
    m.put("code", f.get("CODE"));
    m.put("description", f.get("DESCRIPTION"));
    return m;
  }

  /** An event with start, stop and reason (medications, procedures). */
  private static Map<String, Column> timedEvent(Fields f, Column inferred) {
    Map<String, Column> m = event(f, inferred);
    m.put("start_time", f.get("START"));
    m.put("stop_time", f.get("STOP"));
    m.put("reason_code", f.get("REASONCODE"));
    m.put("reason_description", f.get("REASONDESCRIPTION"));
    return m;
  }

  /** {@code system} for rows that have a code. */
  private static Column whenCoded(Fields f, String system) {
    return when(f.get("CODE").isNotNull(), lit(system));
  }
}
