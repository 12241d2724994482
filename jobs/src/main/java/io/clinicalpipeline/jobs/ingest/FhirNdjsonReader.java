package io.clinicalpipeline.jobs.ingest;

import static io.clinicalpipeline.jobs.ingest.Canonical.blankToNull;
import static io.clinicalpipeline.jobs.ingest.Canonical.cleanText;
import static io.clinicalpipeline.jobs.ingest.Canonical.codeSystem;
import static io.clinicalpipeline.jobs.ingest.Canonical.referenceId;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.decode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unbase64;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads FHIR R4 bulk NDJSON (one resource per line, one or more files per resource type, optionally
 * compressed) into the staged raw model: Patient, Encounter, Condition, Observation (one row per component
 * when it has components, as Synthea's CSV does), MedicationRequest (with Medication for
 * {@code medicationReference}), Procedure, and notes from DocumentReference attachments (or, only when the
 * export has no DocumentReference, from DiagnosticReport {@code presentedForm}: Synthea writes every note to
 * both, so reading both would duplicate each note).
 *
 * <p>Each line is parsed with {@code from_json} against an explicit schema whose leaves are all text, with
 * {@code columnNameOfCorruptRecord}: invalid JSON is quarantined with its line number, and a value of the
 * wrong type is quarantined naming its field when it is typed later. Values are brought to the form
 * Synthea's CSV has (see {@link Canonical}), so both sources give the same tables.
 */
final class FhirNdjsonReader {

  static final String CORRUPT = "_corrupt";
  private static final String BAD_BYTES = "_bad_bytes";

  private static final String BASE64 = "^[A-Za-z0-9+/]*={0,2}$";

  private final SparkSession spark;
  private final SourceFiles files;
  private final String folder;
  /** The resource types that had at least one file. */
  private final Map<String, List<String>> sources = new HashMap<>();

  FhirNdjsonReader(SparkSession spark, SourceFiles files, String folder) {
    this.spark = spark;
    this.files = files;
    this.folder = folder;
  }

  /** Resource type each table is read from (notes: DiagnosticReport only stands in when this is absent). */
  private static final Map<String, String> TYPES =
      Map.of(
          RawSchemas.PATIENTS, "Patient",
          RawSchemas.ENCOUNTERS, "Encounter",
          RawSchemas.CONDITIONS, "Condition",
          RawSchemas.OBSERVATIONS, "Observation",
          RawSchemas.MEDICATIONS, "MedicationRequest",
          RawSchemas.PROCEDURES, "Procedure",
          RawSchemas.NOTES, "DocumentReference");

  Staged.Tables read() {
    files.require(folder, "ndjson", "Patient", "Encounter");
    Dataset<Row> conditions = resources("Condition", FhirSchemas.CONDITION);
    Dataset<Row> reasons =
        conditions
            .filter(col("r.id").isNotNull())
            .select(
                col("r.id").as("reason_id"),
                col("r.code.coding").getItem(0).getField("code").as("reason_ref_code"),
                col("r.code.coding").getItem(0).getField("display").as("reason_ref_display"))
            .dropDuplicates("reason_id");
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(RawSchemas.PATIENTS, patients(resources("Patient", FhirSchemas.PATIENT)));
    out.put(RawSchemas.ENCOUNTERS, encounters(resources("Encounter", FhirSchemas.ENCOUNTER)));
    out.put(RawSchemas.CONDITIONS, conditions(conditions));
    out.put(RawSchemas.OBSERVATIONS, observations(resources("Observation", FhirSchemas.OBSERVATION)));
    out.put(RawSchemas.MEDICATIONS, medications(resources("MedicationRequest", FhirSchemas.MEDICATION_REQUEST), reasons));
    out.put(RawSchemas.PROCEDURES, procedures(resources("Procedure", FhirSchemas.PROCEDURE), reasons));
    out.put(RawSchemas.NOTES, notes());
    Map<String, List<String>> byTable = new LinkedHashMap<>();
    TYPES.forEach((table, type) -> {
      if (sources.containsKey(type)) {
        byTable.put(table, sources.get(type));
      }
    });
    return new Staged.Tables(out, byTable);
  }

  /**
   * The parsed lines of every file of {@code type}: {@code _source_file}, {@code _record}, {@code r} (the
   * resource, null fields when the line is not valid JSON) and {@code _invalid} (why the line cannot be
   * used, or null).
   */
  private Dataset<Row> resources(String type, StructType schema) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String file : files.find(folder, type, "ndjson")) {
      String sourceName = files.sourceName(file);
      NumberedLines.firstLine(spark, file, sourceName);
      Column line = col(NumberedLines.LINE);
      parts.add(
          NumberedLines.read(spark, file, sourceName)
              .filter(line.isNull().or(length(regexp_replace(line, "\\s", "")).gt(0))));
      sources.computeIfAbsent(type, t -> new ArrayList<>()).add(sourceName);
    }
    Dataset<Row> lines =
        parts.stream().reduce(Dataset::unionByName).orElseGet(() -> spark.createDataFrame(List.of(), NumberedLines.SCHEMA));
    Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
    Dataset<Row> parsed = lines.withColumn("r", from_json(col(NumberedLines.LINE), schema, options));
    Column invalid =
        when(col(NumberedLines.LINE).isNull(), lit(IngestTransform.UNREADABLE))
            .when(col("r").isNull().or(col("r." + CORRUPT).isNotNull()), lit(IngestTransform.INVALID_JSON))
            .when(
                col("r.resourceType").isNull().or(col("r.resourceType").notEqual(type)),
                lit(IngestTransform.WRONG_RESOURCE_TYPE));
    return parsed
        .withColumn("_invalid", invalid)
        .withColumn(BAD_BYTES, col(NumberedLines.LINE).contains(Staged.REPLACEMENT))
        .drop(NumberedLines.LINE);
  }

  private static Column invalidField() {
    return when(col("_invalid").equalTo(IngestTransform.WRONG_RESOURCE_TYPE), lit("resourceType"));
  }

  private static Dataset<Row> stage(Dataset<Row> df, String table, Map<String, Column> values, Column key) {
    return Staged.select(df, table, values, key, invalidField(), col("_invalid"), col(BAD_BYTES));
  }

  private static Column first(String arrayPath) {
    return col(arrayPath).getItem(0);
  }

  /** The first coding of a CodeableConcept. */
  private static Column coding(Column concept) {
    return concept.getField("coding").getItem(0);
  }

  private static Dataset<Row> patients(Dataset<Row> p) {
    Map<String, Column> m = new LinkedHashMap<>();
    Column official = expr("coalesce(filter(r.name, n -> n.use = 'official')[0], r.name[0])");
    Column address = first("r.address");
    m.put("patient_id", blankToNull(col("r.id")));
    m.put("mrn", identifier("MR"));
    m.put("birth_date", blankToNull(col("r.birthDate")));
    m.put("death_date", dateOf(col("r.deceasedDateTime")));
    m.put("ssn", identifier("SS"));
    m.put("drivers_license", identifier("DL"));
    m.put("passport", identifier("PPN"));
    m.put("prefix", blankToNull(concat_ws(" ", official.getField("prefix"))));
    m.put("first_name", blankToNull(official.getField("given").getItem(0)));
    m.put("middle_name", blankToNull(concat_ws(" ", expr("slice(coalesce(filter(r.name, n -> n.use = 'official')[0], r.name[0]).given, 2, 100)"))));
    m.put("last_name", blankToNull(official.getField("family")));
    m.put("suffix", blankToNull(concat_ws(" ", official.getField("suffix"))));
    m.put("maiden_name", blankToNull(expr("filter(r.name, n -> n.use = 'maiden')[0].family")));
    m.put("marital_status", blankToNull(coding(col("r.maritalStatus")).getField("code")));
    m.put(
        "race",
        Canonical.race(
            expr(
                "filter(filter(r.extension, e -> e.url LIKE '%/us-core-race')[0].extension,"
                    + " x -> x.url = 'ombCategory')[0].valueCoding.code"),
            expr(
                "filter(filter(r.extension, e -> e.url LIKE '%/us-core-race')[0].extension,"
                    + " x -> x.url = 'text')[0].valueString")));
    m.put(
        "ethnicity",
        Canonical.ethnicity(
            expr(
                "filter(filter(r.extension, e -> e.url LIKE '%/us-core-ethnicity')[0].extension,"
                    + " x -> x.url = 'ombCategory')[0].valueCoding.code"),
            expr(
                "filter(filter(r.extension, e -> e.url LIKE '%/us-core-ethnicity')[0].extension,"
                    + " x -> x.url = 'text')[0].valueString")));
    Column gender = lower(col("r.gender"));
    m.put(
        "sex",
        when(gender.equalTo("male"), lit("M"))
            .when(gender.equalTo("female"), lit("F"))
            .when(gender.equalTo("other"), lit("O"))
            .when(gender.equalTo("unknown"), lit("U"))
            .otherwise(blankToNull(col("r.gender"))));
    Column birthPlace = expr("filter(r.extension, e -> e.url LIKE '%/patient-birthPlace')[0].valueAddress");
    m.put(
        "birthplace",
        blankToNull(
            concat_ws(
                "  ", birthPlace.getField("city"), birthPlace.getField("state"), birthPlace.getField("country"))));
    m.put("address", cleanText(concat_ws(" ", address.getField("line"))));
    m.put("city", cleanText(address.getField("city")));
    m.put("state", Canonical.state(address.getField("state")));
    m.put("zip", blankToNull(address.getField("postalCode")));
    m.put("latitude", expr("filter(filter(r.address[0].extension, e -> e.url LIKE '%/geolocation')[0].extension, x -> x.url = 'latitude')[0].valueDecimal"));
    m.put("longitude", expr("filter(filter(r.address[0].extension, e -> e.url LIKE '%/geolocation')[0].extension, x -> x.url = 'longitude')[0].valueDecimal"));
    m.put("phone", blankToNull(expr("filter(r.telecom, t -> t.system = 'phone')[0].value")));
    return stage(p, RawSchemas.PATIENTS, m, blankToNull(col("r.id")));
  }

  /** The value of the patient identifier whose type is {@code v2-0203} code {@code code}. */
  private static Column identifier(String code) {
    return blankToNull(
        expr("filter(r.identifier, i -> exists(i.type.coding, c -> c.code = '" + code + "'))[0].value"));
  }

  private static Dataset<Row> encounters(Dataset<Row> e) {
    Map<String, Column> m = new LinkedHashMap<>();
    Column type = coding(first("r.type"));
    Column reason = coding(first("r.reasonCode"));
    m.put("encounter_id", blankToNull(col("r.id")));
    m.put("patient_id", referenceId(col("r.subject.reference"), "Patient"));
    m.put("organization_id", referenceId(col("r.serviceProvider.reference"), "Organization"));
    m.put("provider_id", referenceId(first("r.participant").getField("individual").getField("reference"), "Practitioner"));
    m.put("encounter_class", blankToNull(col("r.class.code")));
    m.put("code_system", codeSystem(type.getField("system")));
    m.put("code", blankToNull(type.getField("code")));
    m.put("description", cleanText(coalesce(type.getField("display"), first("r.type").getField("text"))));
    m.put("start_time", blankToNull(col("r.period.start")));
    m.put("end_time", blankToNull(col("r.period.end")));
    m.put("reason_code", blankToNull(reason.getField("code")));
    m.put("reason_description", cleanText(reason.getField("display")));
    return stage(e, RawSchemas.ENCOUNTERS, m, blankToNull(col("r.id")));
  }

  /** Patient, encounter and code (system, code, display or else {@code text}) of an event resource. */
  private static Map<String, Column> event(Column coding, Column text) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("patient_id", referenceId(col("r.subject.reference"), "Patient"));
    m.put("encounter_id", referenceId(col("r.encounter.reference"), "Encounter"));
    m.put("code_system", codeSystem(coding.getField("system")));
    m.put("code", blankToNull(coding.getField("code")));
    m.put("description", cleanText(coalesce(coding.getField("display"), text)));
    return m;
  }

  private static Dataset<Row> conditions(Dataset<Row> c) {
    Map<String, Column> m = event(coding(col("r.code")), col("r.code.text"));
    m.put("start_date", dateOf(coalesce(col("r.onsetDateTime"), col("r.onsetPeriod.start"), col("r.recordedDate"))));
    m.put("stop_date", dateOf(col("r.abatementDateTime")));
    return stage(c, RawSchemas.CONDITIONS, m, blankToNull(col("r.id")));
  }

  /**
   * The date part of a FHIR date or dateTime, kept as text when it cannot be read so that the type check
   * quarantines it instead of it silently becoming null.
   */
  private static Column dateOf(Column dateTime) {
    Column v = blankToNull(dateTime);
    Column parsed = to_date(Canonical.timestamp(v)).cast("string");
    return coalesce(parsed, v);
  }

  private static Dataset<Row> observations(Dataset<Row> o) {
    String part =
        "named_struct('code', %1$s.code, 'vq', %1$s.valueQuantity, 'vcc', %1$s.valueCodeableConcept,"
            + " 'vs', %1$s.valueString)";
    Dataset<Row> parts =
        o.select(
            col("*"),
            posexplode_outer(
                expr(
                    "CASE WHEN size(r.component) > 0 THEN transform(r.component, c -> "
                        + String.format(part, "c")
                        + ") ELSE array("
                        + String.format(part, "r")
                        + ") END")));
    Map<String, Column> m = event(coding(col("col.code")), col("col.code.text"));
    Column text = cleanText(coalesce(coding(col("col.vcc")).getField("display"), col("col.vcc.text"), col("col.vs")));
    Column quantity = blankToNull(col("col.vq.value"));
    Column textIsNumber = text.rlike(Canonical.NUMBER);
    m.put("category", blankToNull(coding(first("r.category")).getField("code")));
    m.put("value_numeric", coalesce(quantity, when(textIsNumber, text)));
    m.put("value_text", when(quantity.isNull().and(textIsNumber.isNull().or(textIsNumber.equalTo(false))), text));
    m.put("units", when(quantity.isNotNull(), blankToNull(coalesce(col("col.vq.unit"), col("col.vq.code")))));
    m.put("effective_time", blankToNull(coalesce(col("r.effectiveDateTime"), col("r.effectivePeriod.start"))));
    Column key = concat(col("r.id"), lit("#"), col("pos").cast("string"));
    return stage(parts, RawSchemas.OBSERVATIONS, m, blankToNull(key));
  }

  /** Adds the condition a resource's first {@code reasonReference} points to (code and display). */
  private static Dataset<Row> withReasons(Dataset<Row> df, Dataset<Row> reasons) {
    Dataset<Row> withRef =
        df.withColumn("reason_ref", referenceId(first("r.reasonReference").getField("reference"), "Condition"));
    return withRef.join(reasons, withRef.col("reason_ref").equalTo(reasons.col("reason_id")), "left");
  }

  private static void putReason(Map<String, Column> m) {
    Column reason = coding(first("r.reasonCode"));
    m.put("reason_code", blankToNull(coalesce(col("reason_ref_code"), reason.getField("code"))));
    m.put("reason_description", cleanText(coalesce(col("reason_ref_display"), reason.getField("display"))));
  }

  private Dataset<Row> medications(Dataset<Row> requests, Dataset<Row> reasons) {
    Dataset<Row> meds =
        resources("Medication", FhirSchemas.MEDICATION)
            .filter(col("r.id").isNotNull())
            .select(
                col("r.id").as("med_id"),
                col("r.code.coding").getItem(0).as("med_coding"),
                col("r.code.text").as("med_text"))
            .dropDuplicates("med_id");
    Dataset<Row> withRef =
        withReasons(requests, reasons)
            .withColumn("med_ref", referenceId(col("r.medicationReference.reference"), "Medication"));
    Dataset<Row> joined = withRef.join(meds, withRef.col("med_ref").equalTo(meds.col("med_id")), "left");
    Column code =
        when(col("r.medicationCodeableConcept").isNotNull(), coding(col("r.medicationCodeableConcept")))
            .otherwise(col("med_coding"));
    Column text = when(col("r.medicationCodeableConcept").isNotNull(), col("r.medicationCodeableConcept.text"))
        .otherwise(col("med_text"));
    Map<String, Column> m = event(code, text);
    m.put("start_time", blankToNull(col("r.authoredOn")));
    putReason(m);
    return stage(joined, RawSchemas.MEDICATIONS, m, blankToNull(col("r.id")));
  }

  private static Dataset<Row> procedures(Dataset<Row> procedures, Dataset<Row> reasons) {
    Dataset<Row> joined = withReasons(procedures, reasons);
    Map<String, Column> m = event(coding(col("r.code")), col("r.code.text"));
    m.put("start_time", blankToNull(coalesce(col("r.performedPeriod.start"), col("r.performedDateTime"))));
    m.put("stop_time", blankToNull(col("r.performedPeriod.end")));
    putReason(m);
    return stage(joined, RawSchemas.PROCEDURES, m, blankToNull(col("r.id")));
  }

  private Dataset<Row> notes() {
    Dataset<Row> docs = resources("DocumentReference", FhirSchemas.DOCUMENT_REFERENCE);
    if (!files.find(folder, "DocumentReference", "ndjson").isEmpty()) {
      Column data = first("r.content").getField("attachment").getField("data");
      Map<String, Column> m = new LinkedHashMap<>();
      m.put("note_id", blankToNull(col("r.id")));
      m.put("patient_id", referenceId(col("r.subject.reference"), "Patient"));
      m.put("encounter_id", referenceId(first("r.context.encounter").getField("reference"), "Encounter"));
      m.put("note_type", blankToNull(coding(col("r.type")).getField("code")));
      m.put("note_time", blankToNull(coalesce(col("r.context.period.start"), col("r.date"))));
      return stageNote(docs, m, data);
    }
    Dataset<Row> reports =
        resources("DiagnosticReport", FhirSchemas.DIAGNOSTIC_REPORT)
            .filter(col("_invalid").isNotNull().or(expr("size(r.presentedForm) > 0")));
    Column data = first("r.presentedForm").getField("data");
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("note_id", blankToNull(col("r.id")));
    m.put("patient_id", referenceId(col("r.subject.reference"), "Patient"));
    m.put("encounter_id", referenceId(col("r.encounter.reference"), "Encounter"));
    m.put("note_type", blankToNull(coding(col("r.code")).getField("code")));
    m.put("note_time", blankToNull(coalesce(col("r.effectiveDateTime"), col("r.issued"))));
    return stageNote(reports, m, data);
  }

  /** Adds the decoded text; an attachment that is not base64 is quarantined naming {@code text}. */
  private static Dataset<Row> stageNote(Dataset<Row> df, Map<String, Column> m, Column base64) {
    Column compact = regexp_replace(base64, "\\s", "");
    Column valid = compact.rlike(BASE64).and(length(compact).mod(4).equalTo(0));
    m.put("text", when(valid, decode(unbase64(compact), "UTF-8")));
    Column bad = col("_invalid").isNull().and(base64.isNotNull()).and(valid.equalTo(false));
    return Staged.select(
        df,
        RawSchemas.NOTES,
        m,
        blankToNull(col("r.id")),
        when(bad, lit("text")).otherwise(invalidField()),
        when(bad, lit(IngestTransform.INVALID_BASE64)).otherwise(col("_invalid")),
        col(BAD_BYTES).or(m.get("text").contains(Staged.REPLACEMENT)));
  }
}
