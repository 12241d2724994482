package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * De-identified tables built in code, in the shape the de-identification job writes: RawSchemas' tables
 * and column names without the PHI columns, ids as 32-hex pseudonyms.
 */
public final class DeidFixture {

  static final StructType PATIENTS =
      new StructType(
          new StructField[] {
            f("patient_id", StringType), f("birth_date", DateType), f("death_date", DateType), f("sex", StringType),
            f("race", StringType), f("ethnicity", StringType), f("marital_status", StringType), f("state", StringType),
            f("zip3", StringType)
          });
  static final StructType ENCOUNTERS =
      new StructType(
          new StructField[] {
            f("encounter_id", StringType), f("patient_id", StringType), f("organization_id", StringType),
            f("provider_id", StringType), f("payer_id", StringType), f("encounter_class", StringType),
            f("code_system", StringType), f("code", StringType), f("description", StringType),
            f("start_time", TimestampType), f("end_time", TimestampType), f("reason_code", StringType),
            f("reason_description", StringType)
          });

  private final Map<String, List<Row>> rows = new LinkedHashMap<>();
  private int sequence;

  DeidFixture() {
    RawSchemas.TABLES.forEach(t -> rows.put(t, new ArrayList<>()));
  }

  static StructType schema(String table) {
    if (table.equals(RawSchemas.PATIENTS)) {
      return PATIENTS;
    }
    if (table.equals(RawSchemas.ENCOUNTERS)) {
      return ENCOUNTERS;
    }
    return RawSchemas.of(table);
  }

  /** A 32-hex pseudonym for a readable name. */
  static String id(String name) {
    return Manifest.sha256("fixture:" + name).substring(0, 32);
  }

  static Timestamp ts(String isoInstant) {
    return Timestamp.from(Instant.parse(isoInstant));
  }

  DeidFixture patient(String patient, String birth, String death, String sex, String race, String ethnicity) {
    rows.get(RawSchemas.PATIENTS)
        .add(RowFactory.create(id(patient), Date.valueOf(birth), death == null ? null : Date.valueOf(death), sex, race,
            ethnicity, "M", "Massachusetts", "021"));
    return this;
  }

  /** Adds an encounter; returns its pseudonym. */
  String encounter(String patient, String encounterClass, String start, String end) {
    String e = id(patient + ":encounter:" + (sequence++));
    rows.get(RawSchemas.ENCOUNTERS)
        .add(RowFactory.create(e, id(patient), id("org"), id("provider"), id("payer"), encounterClass, "SNOMED",
            "185349003", "visit", ts(start), end == null ? null : ts(end), null, null));
    return e;
  }

  DeidFixture condition(String patient, String code, String startDate) {
    rows.get(RawSchemas.CONDITIONS)
        .add(RowFactory.create(id(patient), null, "SNOMED", code, "condition", Date.valueOf(startDate), null));
    return this;
  }

  DeidFixture observation(String patient, String loinc, String time, Double value) {
    rows.get(RawSchemas.OBSERVATIONS)
        .add(RowFactory.create(id(patient), null, "laboratory", "LOINC", loinc, "observation", value,
            value == null ? "positive" : null, "mg/dL", ts(time)));
    return this;
  }

  DeidFixture medication(String patient, String code, String time) {
    rows.get(RawSchemas.MEDICATIONS)
        .add(RowFactory.create(id(patient), null, "RxNorm", code, "medication", ts(time), null, null, null, 1L));
    return this;
  }

  DeidFixture procedure(String patient, String code, String time) {
    rows.get(RawSchemas.PROCEDURES)
        .add(RowFactory.create(id(patient), null, "SNOMED", code, "procedure", ts(time), null, null, null));
    return this;
  }

  DeidFixture note(String patient, String time, String text) {
    rows.get(RawSchemas.NOTES)
        .add(RowFactory.create(id(patient + ":note:" + (sequence++)), id(patient), null, "progress", ts(time), text));
    return this;
  }

  Dataset<Row> table(SparkSession spark, String table) {
    return spark.createDataFrame(rows.get(table), schema(table));
  }

  FeatureInputs inputs(SparkSession spark) {
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    RawSchemas.TABLES.forEach(name -> t.put(name, table(spark, name)));
    return FeatureInputs.of(t);
  }

  /** Writes the tables as Parquet folders under {@code dir}, as the de-identification job would. */
  public void write(SparkSession spark, Path dir) {
    RawSchemas.TABLES.forEach(
        name -> table(spark, name).coalesce(1).write().mode("overwrite").parquet(dir.resolve(name).toString()));
  }

  /**
   * A synthetic population with a learnable signal: about a third of the patients have a chronic condition
   * (diabetes), take metformin, have high glucose and visit the emergency department far more often.
   * Each patient has a wellness visit every year from 2012 (or birth) to 2024.
   */
  public static DeidFixture synthetic(int patients, long seed) {
    Random random = new Random(seed);
    DeidFixture f = new DeidFixture();
    for (int p = 0; p < patients; p++) {
      String name = "synthetic-" + seed + "-" + p;
      LocalDate birth = LocalDate.of(1935 + random.nextInt(75), 1 + random.nextInt(12), 1 + random.nextInt(28));
      boolean chronic = random.nextDouble() < 0.35;
      boolean dies = random.nextDouble() < 0.05;
      LocalDate death = dies ? LocalDate.of(2019 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28)) : null;
      String sex = random.nextBoolean() ? "F" : "M";
      String race = List.of("white", "black", "asian").get(random.nextInt(3));
      f.patient(name, birth.toString(), death == null ? null : death.toString(), sex, race,
          random.nextDouble() < 0.2 ? "hispanic" : "nonhispanic");
      LocalDate end = death == null ? LocalDate.of(2024, 12, 31) : death;
      LocalDate first = LocalDate.of(2012, 1, 10).isBefore(birth) ? birth.plusDays(30) : LocalDate.of(2012, 1, 10);
      if (chronic) {
        f.condition(name, "44054006", first.plusDays(random.nextInt(200)).toString());
      }
      f.condition(name, "195662009", first.plusDays(random.nextInt(3000)).toString());
      for (LocalDate day = first.plusDays(random.nextInt(60)); day.isBefore(end); day = day.plusDays(330 + random.nextInt(70))) {
        String start = day + "T09:" + (10 + random.nextInt(40)) + ":00Z";
        String stop = day + "T10:" + (10 + random.nextInt(40)) + ":00Z";
        f.encounter(name, "AMB", start, stop);
        f.observation(name, "2339-0", day + "T09:30:00Z", round((chronic ? 160 : 100) + random.nextGaussian() * 15));
        f.observation(name, "39156-5", day + "T09:31:00Z", round(27 + random.nextGaussian() * 4));
        f.procedure(name, "430193006", day + "T09:40:00Z");
        if (chronic) {
          f.medication(name, "860975", day + "T09:50:00Z");
        }
        if (random.nextDouble() < 0.3) {
          f.encounter(name, "ambulatory", day.plusDays(40) + "T14:00:00Z", day.plusDays(40) + "T14:30:00Z");
        }
        f.note(name, day + "T10:00:00Z",
            "Patient seen for a routine checkup. " + (chronic ? "History of diabetes; continues metformin. " : "")
                + (random.nextBoolean() ? "Feels well. " : "Reports fatigue. ") + "Plan: follow up in one year.");
      }
      // acute care: Poisson-like arrivals, far more frequent with the chronic condition; an acute visit is
      // often followed by another within a month (more often with the condition)
      double perYear = chronic ? 0.9 : 0.12;
      double revisit = chronic ? 0.45 : 0.15;
      LocalDate t = first;
      while (true) {
        t = t.plusDays((long) Math.ceil(-Math.log(1 - random.nextDouble()) * 365 / perYear));
        if (!t.isBefore(end)) {
          break;
        }
        acute(f, name, t, random);
        if (random.nextDouble() < revisit && t.plusDays(30).isBefore(end)) {
          t = t.plusDays(3 + random.nextInt(25));
          acute(f, name, t, random);
        }
      }
    }
    return f;
  }

  private static void acute(DeidFixture f, String name, LocalDate day, Random random) {
    String cls = random.nextDouble() < 0.8 ? "EMER" : "IMP";
    f.encounter(name, cls, day + "T20:00:00Z", (cls.equals("IMP") ? day.plusDays(2) : day) + "T23:00:00Z");
    f.note(name, day + "T22:00:00Z", cls + " visit. " + (random.nextBoolean() ? "Chest pain." : "Shortness of breath."));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static StructField f(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }
}
