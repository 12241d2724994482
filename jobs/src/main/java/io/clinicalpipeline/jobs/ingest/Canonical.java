package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Column functions that bring both sources to the same canonical values: blank strings become null,
 * free text loses the characters Synthea's CSV writer removes, code-system URIs become the model's short
 * names, US state names become USPS codes, encounter classes become HL7 v3 ActCodes, and FHIR references
 * become the referenced id. Built-in functions only, so Catalyst can optimise them.
 */
final class Canonical {

  /** A number as text: what may be cast to a double without failing, also under ANSI mode. */
  static final String NUMBER = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$";
  /** A whole number that fits a long. */
  static final String INTEGER = "^[+-]?[0-9]{1,18}$";
  /**
   * A date or date-time in ISO 8601 form with a full date ({@code 2019-02-17}, {@code 2019-02-17T05:07:38Z},
   * {@code 2019-02-17 05:07:38.123+01:00}); month and day may have one digit. Other forms
   * ({@code 02/17/2019}, {@code 17.02.2019}, {@code 20190217}, {@code 2019}) are not dates here.
   */
  static final String ISO_DATE = "^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([T ][^T ].*)?\\s*$";
  /** A LOINC code (digits, dash, check digit). */
  static final String LOINC_CODE = "^[0-9]{1,7}-[0-9]$";
  /** An RxNorm, SNOMED CT or CVX code (digits only). */
  static final String NUMERIC_CODE = "^[0-9]{1,18}$";

  /** FHIR code-system URIs (and CSV {@code SYSTEM} values) → the model's names. */
  static final Map<String, String> CODE_SYSTEMS = new LinkedHashMap<>();
  /** Synthea CSV {@code ENCOUNTERCLASS} → the HL7 v3 ActCode FHIR's {@code Encounter.class} carries. */
  static final Map<String, String> ENCOUNTER_CLASSES = new LinkedHashMap<>();
  /** US state and territory names → USPS codes. */
  static final Map<String, String> STATES = new LinkedHashMap<>();
  /** OMB race category codes (FHIR US Core) → Synthea's CSV words. */
  static final Map<String, String> RACES = new LinkedHashMap<>();
  /** OMB ethnicity codes (FHIR US Core) → Synthea's CSV words. */
  static final Map<String, String> ETHNICITIES = new LinkedHashMap<>();

  static {
    CODE_SYSTEMS.put("http://snomed.info/sct", "SNOMED");
    CODE_SYSTEMS.put("http://loinc.org", "LOINC");
    CODE_SYSTEMS.put("http://www.nlm.nih.gov/research/umls/rxnorm", "RxNorm");
    CODE_SYSTEMS.put("http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM");
    CODE_SYSTEMS.put("http://hl7.org/fhir/sid/icd-10", "ICD-10-CM");
    CODE_SYSTEMS.put("http://www.ama-assn.org/go/cpt", "CPT");
    CODE_SYSTEMS.put("http://hl7.org/fhir/sid/cvx", "CVX");
    CODE_SYSTEMS.put("http://dicom.nema.org/resources/ontology/DCM", "DICOM-DCM");
    CODE_SYSTEMS.put("http://www.nubc.org/patient-discharge", "NUBC");
    for (String name : io.clinicalpipeline.common.model.RawSchemas.CODE_SYSTEMS) {
      CODE_SYSTEMS.put(name, name);
    }
    CODE_SYSTEMS.put("SNOMED-CT", "SNOMED");
    CODE_SYSTEMS.put("SNOMED CT", "SNOMED");

    ENCOUNTER_CLASSES.put("wellness", "AMB");
    ENCOUNTER_CLASSES.put("ambulatory", "AMB");
    ENCOUNTER_CLASSES.put("outpatient", "AMB");
    ENCOUNTER_CLASSES.put("urgentcare", "AMB");
    ENCOUNTER_CLASSES.put("emergency", "EMER");
    ENCOUNTER_CLASSES.put("inpatient", "IMP");
    ENCOUNTER_CLASSES.put("snf", "IMP");
    ENCOUNTER_CLASSES.put("home", "HH");
    ENCOUNTER_CLASSES.put("hospice", "HH");
    ENCOUNTER_CLASSES.put("virtual", "VR");

    String[][] states = {
      {"Alabama", "AL"}, {"Alaska", "AK"}, {"Arizona", "AZ"}, {"Arkansas", "AR"}, {"California", "CA"},
      {"Colorado", "CO"}, {"Connecticut", "CT"}, {"Delaware", "DE"}, {"District of Columbia", "DC"},
      {"Florida", "FL"}, {"Georgia", "GA"}, {"Hawaii", "HI"}, {"Idaho", "ID"}, {"Illinois", "IL"},
      {"Indiana", "IN"}, {"Iowa", "IA"}, {"Kansas", "KS"}, {"Kentucky", "KY"}, {"Louisiana", "LA"},
      {"Maine", "ME"}, {"Maryland", "MD"}, {"Massachusetts", "MA"}, {"Michigan", "MI"},
      {"Minnesota", "MN"}, {"Mississippi", "MS"}, {"Missouri", "MO"}, {"Montana", "MT"},
      {"Nebraska", "NE"}, {"Nevada", "NV"}, {"New Hampshire", "NH"}, {"New Jersey", "NJ"},
      {"New Mexico", "NM"}, {"New York", "NY"}, {"North Carolina", "NC"}, {"North Dakota", "ND"},
      {"Ohio", "OH"}, {"Oklahoma", "OK"}, {"Oregon", "OR"}, {"Pennsylvania", "PA"},
      {"Rhode Island", "RI"}, {"South Carolina", "SC"}, {"South Dakota", "SD"}, {"Tennessee", "TN"},
      {"Texas", "TX"}, {"Utah", "UT"}, {"Vermont", "VT"}, {"Virginia", "VA"}, {"Washington", "WA"},
      {"West Virginia", "WV"}, {"Wisconsin", "WI"}, {"Wyoming", "WY"}, {"Puerto Rico", "PR"},
      {"Guam", "GU"}, {"American Samoa", "AS"}, {"Northern Mariana Islands", "MP"},
      {"U.S. Virgin Islands", "VI"}, {"Virgin Islands", "VI"}
    };
    for (String[] s : states) {
      STATES.put(s[0].toUpperCase(java.util.Locale.ROOT), s[1]);
    }

    RACES.put("2106-3", "white");
    RACES.put("2054-5", "black");
    RACES.put("2028-9", "asian");
    RACES.put("1002-5", "native");
    RACES.put("2076-8", "hawaiian");
    RACES.put("2131-1", "other");
    ETHNICITIES.put("2135-2", "hispanic");
    ETHNICITIES.put("2186-5", "nonhispanic");
  }

  private Canonical() {}

  /** Null for null, empty or blank text; the value otherwise. */
  static Column blankToNull(Column c) {
    return when(length(trim(c)).gt(0), c);
  }

  /**
   * Free text as Synthea's CSV writer leaves it (line breaks and commas become spaces, then trimmed),
   * so that FHIR displays and CSV descriptions compare equal. Blank becomes null.
   */
  static Column cleanText(Column c) {
    return blankToNull(trim(regexp_replace(c, "\\r\\n|\\r|\\n|,", " ")));
  }

  /** The model's code-system name for a URI or name; the input unchanged when unknown (quarantined later). */
  static Column codeSystem(Column system) {
    Column s = blankToNull(trim(system));
    return coalesce(element_at(mapOf(CODE_SYSTEMS), s), s);
  }

  /** HL7 v3 ActCode of a Synthea CSV encounter class; unknown classes are kept as given. */
  static Column encounterClass(Column csvClass) {
    Column c = blankToNull(trim(csvClass));
    return coalesce(element_at(mapOf(ENCOUNTER_CLASSES), org.apache.spark.sql.functions.lower(c)), c);
  }

  /** USPS code of a state name; codes and unknown names are kept as given. */
  static Column state(Column name) {
    Column c = blankToNull(trim(name));
    return coalesce(element_at(mapOf(STATES), upper(c)), c);
  }

  static Column race(Column ombCode, Column text) {
    return coalesce(element_at(mapOf(RACES), ombCode), lowerBlankToNull(text));
  }

  static Column ethnicity(Column ombCode, Column text) {
    return coalesce(element_at(mapOf(ETHNICITIES), ombCode), lowerBlankToNull(text));
  }

  /**
   * The id a FHIR reference points to: {@code Type/id}, {@code urn:uuid:id}, or a conditional reference
   * by Synthea identifier ({@code Type?identifier=https://github.com/synthetichealth/synthea|id}). Other
   * conditional references (e.g. by NPI) carry no source id and give null.
   */
  static Column referenceId(Column reference, String type) {
    Column r = trim(reference);
    Column direct = regexp_extract(r, "^(?:" + type + "/|urn:uuid:)([^/?|]+)$", 1);
    Column byIdentifier =
        regexp_extract(r, "^" + type + "\\?identifier=https://github\\.com/synthetichealth/synthea\\|(.+)$", 1);
    return blankToNull(coalesce(blankToNull(direct), blankToNull(byIdentifier)));
  }

  private static Column lowerBlankToNull(Column c) {
    return blankToNull(org.apache.spark.sql.functions.lower(trim(c)));
  }

  private static Column mapOf(Map<String, String> map) {
    List<Column> kv = new ArrayList<>();
    map.forEach(
        (k, v) -> {
          kv.add(lit(k));
          kv.add(lit(v));
        });
    return org.apache.spark.sql.functions.map(kv.toArray(new Column[0]));
  }

  /** The timestamp of an ISO 8601 date or date-time ({@link #ISO_DATE}); null for anything else. */
  static Column timestamp(Column raw) {
    return when(raw.rlike(ISO_DATE), org.apache.spark.sql.functions.try_to_timestamp(raw));
  }

  static Column nullString() {
    return lit(null).cast("string");
  }
}
