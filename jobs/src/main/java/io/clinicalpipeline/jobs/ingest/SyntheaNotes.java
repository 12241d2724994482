package io.clinicalpipeline.jobs.ingest;

import static io.clinicalpipeline.jobs.ingest.Canonical.blankToNull;
import static io.clinicalpipeline.jobs.ingest.Canonical.nullString;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.decode;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Synthea's {@code notes/} text files (one per patient, named {@code <names>_<patient id>.txt} or just
 * {@code <patient id>.txt}, holding every note of that patient newest first, the reverse of
 * {@code encounters.csv}'s order, each note beginning with its date). A note is attributed to the patient's
 * encounter at the same position in that reverse order when the encounter's start date equals the note's
 * date; otherwise it is quarantined. Its {@code note_id} is derived from the encounter id (the text files
 * carry none). The patient's names in the file name are not repeated anywhere: the quarantine table names
 * such a file {@code notes/*_<patient id>.txt}.
 */
final class SyntheaNotes {

  private static final String NOTE_TYPE = "34117-2";
  private static final String NOTE_START = "\\n[0-9]{4}-[0-9]{2}-[0-9]{2}\\n\\n# ";
  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private final SparkSession spark;
  private final SourceFiles files;
  private String folderRead;

  SyntheaNotes(SparkSession spark, SourceFiles files) {
    this.spark = spark;
    this.files = files;
  }

  /** The notes folder {@link #read} found files in, as the quarantine names it. */
  java.util.Optional<String> folder() {
    return java.util.Optional.ofNullable(folderRead);
  }

  /** The staged notes, attributed against the staged encounters; empty without a {@code notes/} folder. */
  Dataset<Row> read(Dataset<Row> stagedEncounters) {
    String folder = files.notesFolder().orElse(null);
    if (folder == null) {
      return Staged.empty(spark, RawSchemas.NOTES);
    }
    List<String> paths = files.list(folder, Pattern.compile("(.*_)?" + UUID + "\\.txt(\\.gz|\\.bz2)?"));
    if (paths.isEmpty()) {
      return Staged.empty(spark, RawSchemas.NOTES);
    }
    folderRead = files.sourceName(folder) + "/";
    String folderName = files.sourceName(folder);
    // Decoded here (not by the text source, which keeps bytes as they are) so that bytes that are not
    // UTF-8 become U+FFFD and are quarantined.
    Dataset<Row> perFile =
        listedOnDriver(() -> spark.read().option("wholetext", "true").text(paths.toArray(new String[0])))
            .select(input_file_name().as("file"), decode(col("value").cast("binary"), "UTF-8").as("content"));
    Column fileName = regexp_extract(col("file"), "([^/]+)$", 1);
    Dataset<Row> notes =
        perFile
            .select(
                regexp_extract(fileName, "(" + UUID + ")\\.txt", 1).as("pid"),
                concat(
                        lit(folderName + "/*_"),
                        regexp_extract(fileName, "(" + UUID + "\\.txt(\\.gz|\\.bz2)?)$", 1))
                    .as(Staged.SOURCE_FILE),
                posexplode(
                    split(
                        regexp_replace(col("content"), "\\n\\n\\n$", ""),
                        "\\n\\n(?=" + NOTE_START + ")")))
            .select(
                col("pid"),
                col(Staged.SOURCE_FILE),
                col("pos"),
                col("col").as("text"),
                regexp_extract(col("col"), "^\\n([0-9]{4}-[0-9]{2}-[0-9]{2})\\n", 1).as("note_date"));

    // Positions count each encounter id once (its first copy, as the duplicate check keeps it), so that a
    // duplicated encounters.csv line does not shift the attribution of every older note of that patient.
    Dataset<Row> firstCopies =
        stagedEncounters
            .filter(col("patient_id").isNotNull())
            .groupBy(
                col("patient_id"),
                coalesce(
                    col("encounter_id"),
                    concat_ws(":", col(Staged.SOURCE_FILE), col(Staged.RECORD).cast("string"))))
            .agg(min(struct(col(Staged.SOURCE_FILE), col(Staged.RECORD), col("encounter_id"), col("start_time")))
                .as("first"));
    Dataset<Row> ranked =
        firstCopies.select(
            col("patient_id").as("e_pid"),
            col("first.encounter_id").as("e_id"),
            col("first.start_time").as("e_start"),
            row_number()
                .over(
                    Window.partitionBy(col("patient_id"))
                        .orderBy(desc("first." + Staged.SOURCE_FILE), desc("first." + Staged.RECORD)))
                .minus(1)
                .as("e_pos"));
    Dataset<Row> joined =
        notes.join(
            ranked, notes.col("pid").equalTo(ranked.col("e_pid")).and(notes.col("pos").equalTo(ranked.col("e_pos"))),
            "left");
    Column attributed =
        col("e_id").isNotNull()
            .and(to_date(try_to_timestamp(col("e_start"))).equalTo(to_date(col("note_date"))));
    Column noteId = sha2(concat(lit("note:"), col("e_id")), 256);
    Map<String, Column> m = new LinkedHashMap<>();
    m.put(
        "note_id",
        when(
            attributed,
            concat_ws(
                "-",
                substring(noteId, 1, 8),
                substring(noteId, 9, 4),
                substring(noteId, 13, 4),
                substring(noteId, 17, 4),
                substring(noteId, 21, 12))));
    m.put("patient_id", blankToNull(col("pid")));
    m.put("encounter_id", when(attributed, col("e_id")));
    m.put("note_type", lit(NOTE_TYPE));
    m.put("note_time", when(attributed, col("e_start")));
    m.put("text", col("text"));
    Dataset<Row> withMeta = joined.withColumn(Staged.RECORD, col("pos").plus(1));
    return Staged.select(
        withMeta,
        RawSchemas.NOTES,
        m,
        coalesce(m.get("note_id"), nullString()),
        when(attributed.isNull().or(attributed.equalTo(false)), lit("encounter_id")),
        when(attributed.isNull().or(attributed.equalTo(false)), lit(IngestTransform.UNATTRIBUTED_NOTE)),
        col("text").contains(Staged.REPLACEMENT));
  }

  /**
   * Runs {@code read} with the listing of its paths done on the driver. Spark lists more than 32 paths with
   * a job of one task per path; for the notes (one small file per patient, already listed) that job costs
   * seconds and the driver's listing milliseconds.
   */
  private Dataset<Row> listedOnDriver(java.util.function.Supplier<Dataset<Row>> read) {
    String key = "spark.sql.sources.parallelPartitionDiscovery.threshold";
    String before = spark.conf().get(key);
    spark.conf().set(key, Integer.toString(Integer.MAX_VALUE));
    try {
      return read.get();
    } finally {
      spark.conf().set(key, before);
    }
  }
}
