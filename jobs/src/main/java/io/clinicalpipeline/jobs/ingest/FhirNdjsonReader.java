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
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.unbase64;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
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

  private static final String CODING = "STRUCT<`system`: STRING, `code`: STRING, `display`: STRING>";
  private static final String CONCEPT = "STRUCT<`coding`: ARRAY<" + CODING + ">, `text`: STRING>";
  private static final String REF = "STRUCT<`reference`: STRING>";
  private static final String PERIOD = "STRUCT<`start`: STRING, `end`: STRING>";
  private static final String QUANTITY = "STRUCT<`value`: STRING, `unit`: STRING, `code`: STRING>";
  private static final String HEAD = "`resourceType` STRING, `id` STRING, ";
  private static final String TAIL = ", `" + CORRUPT + "` STRING";
  /** Who and where: the patient and encounter references most resources carry. */
  private static final String CONTEXT = ", `subject` " + REF + ", `encounter` " + REF;
  /** Why: reasons given as codes or as references to Conditions. */
  private static final String REASONS =
      ", `reasonCode` ARRAY<" + CONCEPT + ">, `reasonReference` ARRAY<" + REF + ">";

  static final StructType PATIENT =
      StructType.fromDDL(
          HEAD
              + "`extension` ARRAY<STRUCT<`url`: STRING, `valueString`: STRING, `valueCode`: STRING,"
              + " `valueAddress`: STRUCT<`city`: STRING, `state`: STRING, `country`: STRING>,"
              + " `extension`: ARRAY<STRUCT<`url`: STRING, `valueCoding`: "
              + CODING
              + ", `valueString`: STRING>>>>,"
              + " `identifier` ARRAY<STRUCT<`type`: "
              + CONCEPT
              + ", `system`: STRING, `value`: STRING>>,"
              + " `name` ARRAY<STRUCT<`use`: STRING, `family`: STRING, `given`: ARRAY<STRING>,"
              + " `prefix`: ARRAY<STRING>, `suffix`: ARRAY<STRING>>>,"
              + " `telecom` ARRAY<STRUCT<`system`: STRING, `value`: STRING>>,"
              + " `gender` STRING, `birthDate` STRING, `deceasedDateTime` STRING,"
              + " `address` ARRAY<STRUCT<`extension`: ARRAY<STRUCT<`url`: STRING,"
              + " `extension`: ARRAY<STRUCT<`url`: STRING, `valueDecimal`: STRING>>>>,"
              + " `line`: ARRAY<STRING>, `city`: STRING, `state`: STRING, `postalCode`: STRING>>,"
              + " `maritalStatus` "
              + CONCEPT
              + TAIL);

  static final StructType ENCOUNTER =
      StructType.fromDDL(
          HEAD
              + "`class` STRUCT<`system`: STRING, `code`: STRING>, `type` ARRAY<"
              + CONCEPT
              + ">, `subject` "
              + REF
              + ", `participant` ARRAY<STRUCT<`individual`: "
              + REF
              + ">>, `period` "
              + PERIOD
              + ", `reasonCode` ARRAY<"
              + CONCEPT
              + ">, `serviceProvider` "
              + REF
              + TAIL);

  static final StructType CONDITION =
      StructType.fromDDL(
          HEAD
              + "`code` "
              + CONCEPT
              + CONTEXT
              + ", `onsetDateTime` STRING, `onsetPeriod` "
              + PERIOD
              + ", `recordedDate` STRING, `abatementDateTime` STRING"
              + TAIL);

  private static final String VALUES =
      "`valueQuantity`: " + QUANTITY + ", `valueCodeableConcept`: " + CONCEPT + ", `valueString`: STRING";

  static final StructType OBSERVATION =
      StructType.fromDDL(
          HEAD
              + "`category` ARRAY<"
              + CONCEPT
              + ">, `code` "
              + CONCEPT
              + CONTEXT
              + ", `effectiveDateTime` STRING, `effectivePeriod` "
              + PERIOD
              + ", "
              + VALUES.replace("`: ", "` ")
              + ", `component` ARRAY<STRUCT<`code`: "
              + CONCEPT
              + ", "
              + VALUES
              + ">>"
              + TAIL);

  static final StructType MEDICATION_REQUEST =
      StructType.fromDDL(
          HEAD
              + "`medicationCodeableConcept` "
              + CONCEPT
              + ", `medicationReference` "
              + REF
              + CONTEXT
              + ", `authoredOn` STRING"
              + REASONS
              + TAIL);

  static final StructType MEDICATION = StructType.fromDDL(HEAD + "`code` " + CONCEPT + TAIL);

  static final StructType PROCEDURE =
      StructType.fromDDL(
          HEAD
              + "`code` "
              + CONCEPT
              + CONTEXT
              + ", `performedDateTime` STRING, `performedPeriod` "
              + PERIOD
              + REASONS
              + TAIL);

  static final StructType DOCUMENT_REFERENCE =
      StructType.fromDDL(
          HEAD
              + "`type` "
              + CONCEPT
              + ", `subject` "
              + REF
              + ", `date` STRING, `context` STRUCT<`encounter`: ARRAY<"
              + REF
              + ">, `period`: "
              + PERIOD
              + ">, `content` ARRAY<STRUCT<`attachment`: STRUCT<`contentType`: STRING, `data`: STRING>>>"
              + TAIL);

  static final StructType DIAGNOSTIC_REPORT =
      StructType.fromDDL(
          HEAD
              + "`code` "
              + CONCEPT
              + CONTEXT
              + ", `effectiveDateTime` STRING, `issued` STRING,"
              + " `presentedForm` ARRAY<STRUCT<`contentType`: STRING, `data`: STRING>>"
              + TAIL);

  private static final String BASE64 = "^[A-Za-z0-9+/]*={0,2}$";

  private final SparkSession spark;
  private final SourceFiles files;
  private final String folder;

  FhirNdjsonReader(SparkSession spark, SourceFiles files, String folder) {
    this.spark = spark;
    this.files = files;
    this.folder = folder;
  }

  Map<String, Dataset<Row>> read() {
    Dataset<Row> conditions = resources("Condition", CONDITION);
    Dataset<Row> reasons =
        conditions
            .filter(col("r.id").isNotNull())
            .select(
                col("r.id").as("reason_id"),
                col("r.code.coding").getItem(0).getField("code").as("reason_ref_code"),
                col("r.code.coding").getItem(0).getField("display").as("reason_ref_display"))
            .dropDuplicates("reason_id");
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(RawSchemas.PATIENTS, patients(resources("Patient", PATIENT)));
    out.put(RawSchemas.ENCOUNTERS, encounters(resources("Encounter", ENCOUNTER)));
    out.put(RawSchemas.CONDITIONS, conditions(conditions));
    out.put(RawSchemas.OBSERVATIONS, observations(resources("Observation", OBSERVATION)));
    out.put(RawSchemas.MEDICATIONS, medications(resources("MedicationRequest", MEDICATION_REQUEST), reasons));
    out.put(RawSchemas.PROCEDURES, procedures(resources("Procedure", PROCEDURE), reasons));
    out.put(RawSchemas.NOTES, notes());
    return out;
  }

  /**
   * The parsed lines of every file of {@code type}: {@code _source_file}, {@code _record}, {@code r} (the
   * resource, null fields when the line is not valid JSON) and {@code _invalid} (why the line cannot be
   * used, or null).
   */
  private Dataset<Row> resources(String type, StructType schema) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String file : files.find(folder, type, "ndjson")) {
      parts.add(
          NumberedLines.read(spark, file, files.sourceName(file))
              .filter(length(regexp_replace(col(NumberedLines.LINE), "\\s", "")).gt(0)));
    }
    Dataset<Row> lines =
        parts.stream().reduce(Dataset::unionByName).orElseGet(() -> spark.createDataFrame(List.of(), NumberedLines.SCHEMA));
    Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
    Dataset<Row> parsed = lines.withColumn("r", from_json(col(NumberedLines.LINE), schema, options));
    Column invalid =
        when(col("r").isNull().or(col("r." + CORRUPT).isNotNull()), lit(IngestTransform.INVALID_JSON))
            .when(
                col("r.resourceType").isNull().or(col("r.resourceType").notEqual(type)),
                lit(IngestTransform.WRONG_RESOURCE_TYPE));
    return parsed.withColumn("_invalid", invalid).drop(NumberedLines.LINE);
  }

  private static Column invalidField() {
    return when(col("_invalid").equalTo(IngestTransform.WRONG_RESOURCE_TYPE), lit("resourceType"));
  }

  private static Dataset<Row> stage(Dataset<Row> df, String table, Map<String, Column> values, Column key) {
    return Staged.select(df, table, values, key, invalidField(), col("_invalid"));
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
    m.put("death_date", to_date(try_to_timestamp(col("r.deceasedDateTime"))).cast("string"));
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
    Column parsed = to_date(try_to_timestamp(v)).cast("string");
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
        resources("Medication", MEDICATION)
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
    Dataset<Row> docs = resources("DocumentReference", DOCUMENT_REFERENCE);
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
        resources("DiagnosticReport", DIAGNOSTIC_REPORT)
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
        when(bad, lit(IngestTransform.INVALID_BASE64)).otherwise(col("_invalid")));
  }
}
