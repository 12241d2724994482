package io.clinicalpipeline.jobs.quality;

import io.clinicalpipeline.common.model.RawSchemas;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Small, clean data for every checkpoint, built in code, as plain rows that a test can copy and break
 * (plant a defect) before writing them where the job reads them.
 */
final class QualityFixtures {

  static final String[] FIRST = {"Maria", "James", "Aiko", "Olusegun", "Ingrid", "Tomasz"};
  static final String[] LAST = {"Lindqvist", "Okafor", "Tanabe", "Adeyemi", "Halvorsen", "Wisniewski"};
  static final int PATIENTS = FIRST.length;

  private QualityFixtures() {}

  /** A table as mutable rows plus its schema. */
  static final class Table {
    final StructType schema;
    final List<Object[]> rows = new ArrayList<>();

    Table(StructType schema) {
      this.schema = schema;
    }

    Table copy() {
      Table t = new Table(schema);
      rows.forEach(r -> t.rows.add(r.clone()));
      return t;
    }

    int idx(String column) {
      return schema.fieldIndex(column);
    }

    Object get(int row, String column) {
      return rows.get(row)[idx(column)];
    }

    Table set(int row, String column, Object value) {
      rows.get(row)[idx(column)] = value;
      return this;
    }

    /** Appends a copy of row {@code row} changed by {@code change}. */
    Table addCopyOf(int row, UnaryOperator<Object[]> change) {
      rows.add(change.apply(rows.get(row).clone()));
      return this;
    }

    Dataset<Row> toDataset(SparkSession spark) {
      List<Row> r = new ArrayList<>();
      rows.forEach(v -> r.add(RowFactory.create(v)));
      return spark.createDataFrame(r, schema);
    }
  }

  static Map<String, Table> copy(Map<String, Table> tables) {
    Map<String, Table> out = new LinkedHashMap<>();
    tables.forEach((k, v) -> out.put(k, v.copy()));
    return out;
  }

  static void write(SparkSession spark, Map<String, Table> tables, String dir) {
    tables.forEach(
        (name, t) -> t.toDataset(spark).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir + "/" + name));
  }

  static String rawId(String kind, int i) {
    return UUID.nameUUIDFromBytes((kind + i).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** What the de-identification stage makes of an id: 32 lowercase hex characters. */
  static String pseudonym(String id) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("test-key:" + id).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 32);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String ssn(int i) {
    return "999-4" + i + "-61" + (10 + i);
  }

  static Timestamp ts(String s) {
    return Timestamp.valueOf(s);
  }

  /** Six patients, two encounters each, with observations, conditions, medications, procedures, notes. */
  static Map<String, Table> raw() {
    Map<String, Table> t = new LinkedHashMap<>();
    Table p = new Table(RawSchemas.PATIENTS_SCHEMA);
    for (int i = 0; i < PATIENTS; i++) {
      p.rows.add(new Object[] {
        rawId("patient", i), "MRN-" + (4410 + i), Date.valueOf((1950 + i * 7) + "-0" + (1 + i) + "-1" + i), null,
        ssn(i), "S9999" + (1000 + i), "X" + (42000000 + i), "Mx.", FIRST[i], null, LAST[i], null, null, "M",
        "white", "nonhispanic", i % 2 == 0 ? "F" : "M", "Springfield", (10 + i) + " Juniper Street", "Cambridge",
        "MA", "Middlesex County", "25017", "02139", 42.37, -71.11, "555-010-" + (2000 + i)
      });
    }
    t.put(RawSchemas.PATIENTS, p);
    Table e = new Table(RawSchemas.ENCOUNTERS_SCHEMA);
    Table c = new Table(RawSchemas.CONDITIONS_SCHEMA);
    Table o = new Table(RawSchemas.OBSERVATIONS_SCHEMA);
    Table m = new Table(RawSchemas.MEDICATIONS_SCHEMA);
    Table pr = new Table(RawSchemas.PROCEDURES_SCHEMA);
    Table n = new Table(RawSchemas.NOTES_SCHEMA);
    for (int i = 0; i < PATIENTS; i++) {
      String pid = rawId("patient", i);
      for (int k = 0; k < 2; k++) {
        String eid = rawId("encounter", i * 10 + k);
        Timestamp start = ts("2021-0" + (k + 3) + "-1" + i + " 09:30:00");
        Timestamp end = ts("2021-0" + (k + 3) + "-1" + i + " 10:15:00");
        e.rows.add(new Object[] {
          eid, pid, rawId("org", 1), rawId("provider", i), rawId("payer", 1), "ambulatory", "SNOMED", "185349003",
          "Encounter for check up", start, end, null, null
        });
        o.rows.add(new Object[] {pid, eid, "vital-signs", "LOINC", "8867-4", "Heart rate", 60.0 + i + k, null, "/min", start});
        o.rows.add(new Object[] {pid, eid, "vital-signs", "LOINC", "39156-5", "BMI", 22.0 + i, null, "kg/m2", start});
        o.rows.add(new Object[] {pid, eid, "vital-signs", "LOINC", "8480-6", "Systolic blood pressure", 118.0 + k, null, "mm[Hg]", start});
        n.rows.add(new Object[] {
          rawId("note", i * 10 + k), pid, eid, "progress", start,
          FIRST[i] + " " + LAST[i] + " was seen for a check up. SSN " + ssn(i) + " on file. Vitals stable."
        });
      }
      String eid0 = rawId("encounter", i * 10);
      c.rows.add(new Object[] {pid, eid0, i % 2 == 0 ? "SNOMED" : "ICD-10-CM", i % 2 == 0 ? "44054006" : "E11.9",
        "Diabetes", Date.valueOf("2021-03-1" + i), null});
      m.rows.add(new Object[] {pid, eid0, "RxNorm", "860975", "Metformin", ts("2021-03-1" + i + " 10:00:00"), null,
        "44054006", "Diabetes", 3L});
      pr.rows.add(new Object[] {pid, eid0, "SNOMED", "430193006", "Medication reconciliation",
        ts("2021-03-1" + i + " 09:45:00"), ts("2021-03-1" + i + " 09:50:00"), null, null});
    }
    t.put(RawSchemas.ENCOUNTERS, e);
    t.put(RawSchemas.CONDITIONS, c);
    t.put(RawSchemas.OBSERVATIONS, o);
    t.put(RawSchemas.MEDICATIONS, m);
    t.put(RawSchemas.PROCEDURES, pr);
    t.put(RawSchemas.NOTES, n);
    return t;
  }

  static final List<String> DEID_PATIENT_COLUMNS =
      List.of("patient_id", "birth_date", "death_date", "sex", "race", "ethnicity", "marital_status", "state");
  static final List<String> ID_COLUMNS =
      List.of("patient_id", "encounter_id", "note_id", "organization_id", "provider_id", "payer_id");

  /** What a correct de-identification of {@link #raw()} looks like (dates unshifted, names tagged). */
  static Map<String, Table> deid(Map<String, Table> raw) {
    Map<String, Table> out = new LinkedHashMap<>();
    for (Map.Entry<String, Table> en : raw.entrySet()) {
      Table r = en.getValue();
      if (en.getKey().equals(RawSchemas.PATIENTS)) {
        List<StructField> fields = new ArrayList<>();
        for (String c : DEID_PATIENT_COLUMNS) {
          fields.add(r.schema.apply(c));
        }
        fields.add(new StructField("zip3", DataTypes.StringType, true, Metadata.empty()));
        Table p = new Table(new StructType(fields.toArray(StructField[]::new)));
        for (Object[] row : r.rows) {
          Object[] v = new Object[fields.size()];
          for (int k = 0; k < DEID_PATIENT_COLUMNS.size(); k++) {
            v[k] = row[r.idx(DEID_PATIENT_COLUMNS.get(k))];
          }
          v[0] = pseudonym((String) v[0]);
          v[fields.size() - 1] = ((String) row[r.idx("zip")]).substring(0, 3);
          p.rows.add(v);
        }
        out.put(en.getKey(), p);
        continue;
      }
      Table d = r.copy();
      for (Object[] row : d.rows) {
        for (String c : ID_COLUMNS) {
          if (List.of(d.schema.fieldNames()).contains(c) && row[d.idx(c)] != null) {
            row[d.idx(c)] = pseudonym((String) row[d.idx(c)]);
          }
        }
        if (en.getKey().equals(RawSchemas.NOTES)) {
          row[d.idx("text")] = "[NAME] [NAME] was seen for a check up. SSN [SSN] on file. Vitals stable.";
        }
      }
      out.put(en.getKey(), d);
    }
    return out;
  }

  static final StructType FEATURE_SCHEMA =
      new StructType()
          .add("row_id", DataTypes.StringType)
          .add("label", DataTypes.IntegerType)
          .add("f_age", DataTypes.DoubleType)
          .add("f_encounters", DataTypes.IntegerType)
          .add("f_bmi", DataTypes.DoubleType);

  static final StructType EXAMPLES_SCHEMA =
      new StructType()
          .add("row_id", DataTypes.StringType)
          .add("patient_id", DataTypes.StringType)
          .add("index_time", DataTypes.TimestampType)
          .add("split", DataTypes.StringType)
          .add("label", DataTypes.IntegerType)
          .add("sex", DataTypes.StringType)
          .add("age", DataTypes.IntegerType)
          .add("age_band", DataTypes.StringType)
          .add("race", DataTypes.StringType)
          .add("ethnicity", DataTypes.StringType);

  /** Feature splits (keys train, validation, test) and the examples side table (key examples). */
  static Map<String, Table> features() {
    Map<String, Table> out = new LinkedHashMap<>();
    Table examples = new Table(EXAMPLES_SCHEMA);
    String[] splits = {"train", "train", "train", "train", "validation", "test"};
    int row = 0;
    for (String split : List.of("train", "validation", "test")) {
      Table t = new Table(FEATURE_SCHEMA);
      for (int pIdx = 0; pIdx < 12; pIdx++) {
        if (!splits[pIdx % splits.length].equals(split)) {
          continue;
        }
        for (int k = 0; k < 3; k++) {
          String rowId = String.format("ex-%04d", row);
          int label = row % 3 == 0 ? 1 : 0;
          int age = 30 + pIdx * 4 + k;
          t.rows.add(new Object[] {rowId, label, (double) age, 1 + k + pIdx % 4, k == 2 ? null : 20.0 + pIdx});
          examples.rows.add(new Object[] {
            rowId, pseudonym("patient" + pIdx), ts("2022-01-0" + (k + 1) + " 00:00:00"), split, label,
            pIdx % 2 == 0 ? "F" : "M", age, age < 45 ? "30-44" : age < 65 ? "45-64" : "65+", "white", "nonhispanic"
          });
          row++;
        }
      }
      out.put(split, t);
    }
    out.put("examples", examples);
    return out;
  }

  static void writeFeatures(SparkSession spark, Map<String, Table> features, String dir) {
    features.forEach(
        (name, t) -> {
          String path = name.equals("examples") ? dir + "/examples" : dir + "/parquet/" + name;
          t.toDataset(spark).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
        });
  }
}
