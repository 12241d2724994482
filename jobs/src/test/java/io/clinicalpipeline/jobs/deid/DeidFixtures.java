package io.clinicalpipeline.jobs.deid;

import io.clinicalpipeline.common.model.RawSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** A small raw layer written for these tests: three invented patients whose notes are full of PHI. */
final class DeidFixtures {

  static final String P1 = "0a7c1f4e-5d2b-4c1a-9e3f-111111111111";
  static final String P2 = "0a7c1f4e-5d2b-4c1a-9e3f-222222222222";
  static final String P3 = "0a7c1f4e-5d2b-4c1a-9e3f-333333333333";
  static final String E1 = "e0000000-0000-4000-8000-000000000001";
  static final String E2 = "e0000000-0000-4000-8000-000000000002";
  static final String E3 = "e0000000-0000-4000-8000-000000000003";
  static final String E4 = "e0000000-0000-4000-8000-000000000004";

  /** The note of encounter E1: its heading is the encounter date, the follow-up is 14 days later. */
  static final String NOTE_1 =
      """
      2021-03-15

      # History of Present Illness
      Alda Green is a 31 year-old female seen by Dr. Kessler at Whitman Family Clinic on March 15, 2021.
      Follow-up booked for 03/29/2021. Call 555-382-1947 or write to alda.green@example.com.
      SSN 999-35-9473, MRN: MRN-88231, licence S99916689, passport X12345678X.
      Lives at 560 Ritchie Way Suite 68, Whitman, MA 02382. Her husband Tomas Green came along.
      Born 3/23/1990. Portal https://portal.example-clinic.org/u/88231 from 10.2.33.14.
      """;

  static final String NOTE_2 =
      """
      2021-04-02

      Alda returned; see note of 3/15. Green tea advised, left hand splint removed.
      """;

  static final String NOTE_3 =
      """
      2022-04-02

      PT JESSIE GLOVER, 94 YO MALE, SEEN 4/2/2022 AT MERCY HOSPITAL FOR FALL.
      DAUGHTER MARY GLOVER CALLED FROM (555) 201-3344. SSN 999-11-2222. DOB 05/02/1928.
      """;

  static final String NOTE_4 =
      """
      2023-01-10

      Marisol Quintana (MRN MRN-40017) seen 10 Jan 2023 by Ms. Okafor, NP at Lakeside Medical Center.
      Phone 555.617.2290, fax 555-617-2291. Address 12 Harbor Road, Apt 4B, Springfield, IL 62704.
      """;

  private DeidFixtures() {}

  /** Writes the raw layer under {@code dir} (one Parquet folder per table) and returns {@code dir}. */
  static Path writeRaw(SparkSession spark, Path dir) throws Exception {
    Files.createDirectories(dir);
    write(spark, dir, RawSchemas.PATIENTS, List.of(
        patient(P1, "MRN-88231", "1990-03-23", null, "999-35-9473", "S99916689", "X12345678X", "Mrs.", "Alda", null,
            "Green", null, null, "M", "white", "nonhispanic", "F", "Lawrence Massachusetts US",
            "560 Ritchie Way Suite 68", "Whitman", "Massachusetts", "Plymouth County", "25023", "02382",
            42.1, -70.9, "555-382-1947"),
        patient(P2, "MRN-51190", "1928-05-02", null, "999-11-2222", "S99922222", null, "Mr.", "Jessie", "Foster",
            "Glover", null, null, "W", "white", "nonhispanic", "M", "Burlington Vermont US",
            "77 Kessel Lane", "Barre", "Vermont", "Washington County", "50023", "05901", 44.2, -72.5,
            "(555) 201-3344"),
        patient(P3, "MRN-40017", "1975-07-14", "2023-06-30", "999-44-5555", null, null, "Ms.", "Marisol", null,
            "Quintana", null, "Ortega", "S", "asian", "hispanic", "F", "Springfield Illinois US",
            "12 Harbor Road Apt 4B", "Springfield", "Illinois", "Sangamon County", "17167", "20201", 39.8, -89.6,
            "555.617.2290")));
    write(spark, dir, RawSchemas.ENCOUNTERS, List.of(
        RowFactory.create(E1, P1, "org-1", "prov-1", "payer-1", "ambulatory", "SNOMED", "185349003",
            "Encounter for check up", ts("2021-03-15T10:00:00Z"), ts("2021-03-15T10:30:00Z"), null, null),
        RowFactory.create(E2, P1, "org-1", "prov-1", "payer-1", "ambulatory", "SNOMED", "185349003",
            "Encounter for check up", ts("2021-04-02T09:00:00Z"), ts("2021-04-02T09:20:00Z"), null, null),
        RowFactory.create(E3, P2, "org-2", "prov-2", null, "emergency", "SNOMED", "50849002",
            "Emergency room admission", ts("2022-04-02T22:15:00Z"), ts("2022-04-03T02:00:00Z"), "217082002",
            "Accidental fall"),
        RowFactory.create(E4, P3, "org-3", "prov-3", "payer-2", "ambulatory", "SNOMED", "185349003",
            "Encounter for check up", ts("2023-01-10T14:00:00Z"), ts("2023-01-10T14:45:00Z"), null, null)));
    write(spark, dir, RawSchemas.CONDITIONS, List.of(
        RowFactory.create(P1, E1, "SNOMED", "444814009", "Viral sinusitis (disorder)", date("2021-03-15"),
            date("2021-03-29")),
        RowFactory.create(P2, E3, "SNOMED", "217082002", "Accidental fall", date("2022-04-02"), null)));
    write(spark, dir, RawSchemas.OBSERVATIONS, List.of(
        RowFactory.create(P1, E1, "vital-signs", "LOINC", "8302-2", "Body Height", 165.2, null, "cm",
            ts("2021-03-15T10:05:00Z")),
        RowFactory.create(P3, E4, "survey", "LOINC", "72166-2", "Tobacco smoking status", null, "Never smoker",
            null, ts("2023-01-10T14:10:00Z"))));
    write(spark, dir, RawSchemas.MEDICATIONS, List.of(
        RowFactory.create(P1, E1, "RxNorm", "313782", "Acetaminophen 325 MG Oral Tablet",
            ts("2021-03-15T10:20:00Z"), ts("2021-03-25T10:20:00Z"), "444814009", "Viral sinusitis (disorder)", 1L)));
    write(spark, dir, RawSchemas.PROCEDURES, List.of(
        RowFactory.create(P2, E3, "SNOMED", "168594001", "Clavicle X-ray", ts("2022-04-02T23:00:00Z"),
            ts("2022-04-02T23:15:00Z"), null, null)));
    write(spark, dir, RawSchemas.NOTES, List.of(
        RowFactory.create("note-1", P1, E1, "progress", ts("2021-03-15T10:30:00Z"), NOTE_1),
        RowFactory.create("note-2", P1, E2, "progress", ts("2021-04-02T09:20:00Z"), NOTE_2),
        RowFactory.create("note-3", P2, E3, "emergency", ts("2022-04-03T02:00:00Z"), NOTE_3),
        RowFactory.create("note-4", P3, E4, "progress", ts("2023-01-10T14:45:00Z"), NOTE_4)));
    return dir;
  }

  /** The direct identifiers of the fixture patients, as the leak scan should never find them. */
  static List<String> rawIdentifiers() {
    return List.of(
        "Alda", "Alda Green", "Glover", "Jessie", "Marisol", "Quintana", "Ortega", "999-35-9473", "999-11-2222",
        "999-44-5555", "555-382-1947", "201-3344", "617-2290", "560 Ritchie Way", "77 Kessel Lane",
        "12 Harbor Road", "S99916689", "S99922222", "X12345678X", "MRN-88231", "MRN-51190", "MRN-40017",
        "1990-03-23", "1928-05-02", "1975-07-14", P1, P2, P3, E1, E2, E3, E4, "alda.green@example.com");
  }

  private static Row patient(Object... v) {
    Object[] out = v.clone();
    out[2] = date((String) v[2]);
    out[3] = v[3] == null ? null : date((String) v[3]);
    return RowFactory.create(out);
  }

  private static void write(SparkSession spark, Path dir, String table, List<Row> rows) {
    spark.createDataFrame(rows, RawSchemas.of(table)).coalesce(1).write().parquet(dir.resolve(table).toString());
  }

  static Timestamp ts(String iso) {
    return Timestamp.from(java.time.Instant.parse(iso));
  }

  static Date date(String iso) {
    return Date.valueOf(iso);
  }
}
