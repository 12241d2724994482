package io.clinicalpipeline.jobs.meds;

import static io.clinicalpipeline.jobs.meds.MedsTypes.field;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.io.OutputFiles;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.jobs.features.CohortTransform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks a folder against the MEDS standard ({@link MedsSchema}): the data shards' column types, that each
 * subject's rows are contiguous in one shard and in time order (static events, null time, first), that no
 * subject or code is null, that the metadata files are present and typed and list every code, and the label
 * files' types. Problems name the file (relative to the data set), the row (1-based) and the field, never a
 * value. At most {@link #MAX_ROW_ERRORS} row problems are listed per file.
 */
public final class MedsValidator {

  static final int MAX_ROW_ERRORS = 20;

  private static final List<Object[]> DATA = List.of(
      field(MedsSchema.SUBJECT_ID, MedsTypes.INT64), field(MedsSchema.TIME, MedsTypes.TIMESTAMP_US),
      field(MedsSchema.CODE, MedsTypes.STRING), field(MedsSchema.NUMERIC_VALUE, MedsTypes.FLOAT32));
  private static final List<Object[]> CODES = List.of(
      field(MedsSchema.CODE, MedsTypes.STRING), field("description", MedsTypes.STRING),
      field("parent_codes", MedsTypes.STRING_LIST));
  private static final List<Object[]> SPLITS = List.of(
      field(MedsSchema.SUBJECT_ID, MedsTypes.INT64), field(MedsSchema.SPLIT, MedsTypes.STRING));
  private static final List<Object[]> LABELS = List.of(
      field(MedsSchema.SUBJECT_ID, MedsTypes.INT64), field(MedsSchema.PREDICTION_TIME, MedsTypes.TIMESTAMP_US));
  private static final List<Object[]> LABEL_VALUES = List.of(
      field(MedsSchema.BOOLEAN_VALUE, MedsTypes.BOOL), field("integer_value", MedsTypes.INT64),
      field("float_value", MedsTypes.FLOAT64), field("categorical_value", MedsTypes.STRING));

  private MedsValidator() {}

  /** Every problem found under {@code root}; empty when it is a valid MEDS data set. */
  public static List<String> validate(SparkSession spark, String root) {
    Storage storage = Storage.of(spark);
    List<String> errors = new ArrayList<>();
    String base = Storage.normalize(root);
    List<Path> shards = parquetFiles(storage, Storage.resolve(root, MedsSchema.DATA));
    if (shards.isEmpty()) {
      errors.add(MedsSchema.DATA + "/: no Parquet files");
    }
    Map<Long, Integer> shardOf = new HashMap<>();
    List<String> typed = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      String name = relative(base, shards.get(i));
      int before = errors.size();
      MedsTypes.checkAll(footer(storage, shards.get(i)), DATA, name, errors);
      if (errors.size() == before) {
        rows(spark, shards, i, name, shardOf, base, errors);
        typed.add(shards.get(i).toString());
      }
    }

    String metadata = Storage.resolve(root, MedsSchema.METADATA);
    Path codes = new Path(Storage.resolve(metadata, MedsSchema.CODES_FILE));
    if (isFile(storage, codes, MedsSchema.METADATA + "/" + MedsSchema.CODES_FILE, errors)) {
      int before = errors.size();
      MedsTypes.checkAll(footer(storage, codes), CODES, relative(base, codes), errors);
      if (errors.size() == before && !typed.isEmpty()) {
        long missing = spark.read().parquet(typed.toArray(String[]::new)).select(MedsSchema.CODE).distinct()
            .join(spark.read().parquet(codes.toString()).select(MedsSchema.CODE), CohortTransform.seq(MedsSchema.CODE),
                "left_anti")
            .count();
        if (missing > 0) {
          errors.add(relative(base, codes) + ": code: " + missing + " codes of the data have no row");
        }
      }
    }
    Path splits = new Path(Storage.resolve(metadata, MedsSchema.SPLITS_FILE));
    if (isFile(storage, splits, MedsSchema.METADATA + "/" + MedsSchema.SPLITS_FILE, errors)) {
      MedsTypes.checkAll(footer(storage, splits), SPLITS, relative(base, splits), errors);
    }
    datasetJson(storage, new Path(Storage.resolve(metadata, MedsSchema.DATASET_FILE)), errors);

    for (Path label : parquetFiles(storage, Storage.resolve(root, MedsSchema.LABELS))) {
      MessageType schema = footer(storage, label);
      MedsTypes.checkAll(schema, LABELS, relative(base, label), errors);
      for (Object[] f : schema == null ? List.<Object[]>of() : LABEL_VALUES) {
        if (schema.containsField((String) f[0])) {
          MedsTypes.checkAll(schema, List.<Object[]>of(f), relative(base, label), errors);
        }
      }
    }
    return errors;
  }
  /**
   * Streams one shard's rows in file order: subject and code present, each subject contiguous and in no
   * earlier shard, times non-decreasing within a subject with null (static) times first.
   */
  private static void rows(SparkSession spark, List<Path> shards, int shard, String name, Map<Long, Integer> shardOf,
      String base, List<String> errors) {
    Iterator<Row> it = spark.read().parquet(shards.get(shard).toString())
        .select(col(MedsSchema.SUBJECT_ID), col(MedsSchema.TIME), col(MedsSchema.CODE).isNull())
        .toLocalIterator();
    Set<Long> seen = new HashSet<>();
    Long previous = null;
    Object previousTime = null;
    int reported = 0;
    for (long row = 1; it.hasNext() && reported < MAX_ROW_ERRORS; row++) {
      Row r = it.next();
      String at = name + " row " + row + ": ";
      if (r.getBoolean(2)) {
        errors.add(at + MedsSchema.CODE + ": null");
        reported++;
      }
      if (r.isNullAt(0)) {
        errors.add(at + MedsSchema.SUBJECT_ID + ": null");
        reported++;
        previous = null;
        continue;
      }
      long subject = r.getLong(0);
      Object time = r.isNullAt(1) ? null : r.get(1);
      if (previous == null || subject != previous) {
        Integer other = shardOf.get(subject);
        if (other != null && other != shard) {
          errors.add(at + MedsSchema.SUBJECT_ID + ": the subject also has rows in " + relative(base, shards.get(other)));
          reported++;
        } else if (!seen.add(subject)) {
          errors.add(at + MedsSchema.SUBJECT_ID + ": the subject's rows are not contiguous");
          reported++;
        }
        shardOf.putIfAbsent(subject, shard);
      } else if (previousTime != null && (time == null || compare(time, previousTime) < 0)) {
        errors.add(at + MedsSchema.TIME + (time == null
            ? ": a static event (null time) after a timed event of the same subject"
            : ": earlier than the previous row of the same subject"));
        reported++;
      }
      previous = subject;
      previousTime = time;
    }
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static void datasetJson(Storage storage, Path path, List<String> errors) {
    String name = MedsSchema.METADATA + "/" + MedsSchema.DATASET_FILE;
    if (!isFile(storage, path, name, errors)) {
      return;
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(storage.readText(path.toString()));
    } catch (IOException e) {
      errors.add(name + ": not valid JSON");
      return;
    }
    if (json == null || !json.isObject()) {
      errors.add(name + ": not a JSON object");
      return;
    }
    for (String p : MedsSchema.DATASET_PROPERTIES) {
      if (json.has(p) && !json.get(p).isTextual()) {
        errors.add(name + ": " + p + ": expected a string");
      }
    }
  }

  private static boolean isFile(Storage storage, Path path, String name, List<String> errors) {
    try {
      FileSystem fs = storage.fs(path);
      if (!fs.exists(path)) {
        errors.add(name + ": missing");
        return false;
      }
      if (!fs.getFileStatus(path).isFile()) {
        errors.add(name + ": a folder, expected one file");
        return false;
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + name, e);
    }
  }

  /** The {@code .parquet} files under {@code location}, recursively, in name order; none when it is absent. */
  static List<Path> parquetFiles(Storage storage, String location) {
    List<Path> files = new ArrayList<>();
    try {
      Path dir = new Path(Storage.normalize(location));
      FileSystem fs = storage.fs(dir);
      if (!fs.exists(dir)) {
        return files;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        FileStatus f = it.next();
        String n = f.getPath().getName();
        if (n.endsWith(".parquet") && !OutputFiles.isSideFile(n)) {
          files.add(f.getPath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location, e);
    }
    files.sort(null);
    return files;
  }

  private static MessageType footer(Storage storage, Path file) {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, storage.hadoopConf()))) {
      return r.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String relative(String base, Path file) {
    String b = new Path(base).toUri().getPath() + "/";
    String f = file.toUri().getPath();
    return f.startsWith(b) ? f.substring(b.length()) : file.getName();
  }
}
