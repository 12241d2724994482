package io.clinicalpipeline.jobs.ingest;

import org.apache.spark.sql.types.StructType;

/**
 * The explicit schemas FHIR R4 resources are parsed with ({@code from_json}): only the elements the raw
 * model uses, every leaf as text (typed and checked later), plus the corrupt-record column.
 */
final class FhirSchemas {

  private FhirSchemas() {}

  private static final String CODING = "STRUCT<`system`: STRING, `code`: STRING, `display`: STRING>";
  private static final String CONCEPT = "STRUCT<`coding`: ARRAY<" + CODING + ">, `text`: STRING>";
  private static final String REF = "STRUCT<`reference`: STRING>";
  private static final String PERIOD = "STRUCT<`start`: STRING, `end`: STRING>";
  private static final String QUANTITY = "STRUCT<`value`: STRING, `unit`: STRING, `code`: STRING>";
  private static final String HEAD = "`resourceType` STRING, `id` STRING, ";
  private static final String TAIL = ", `" + FhirNdjsonReader.CORRUPT + "` STRING";
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
}
