package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clinicalpipeline.common.JobRunner.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The lines of one text file (plain or compressed, as Hadoop's codecs recognise it by extension) with their
 * 1-based line numbers, so that a quarantined record can be found in its file.
 *
 * <p>Why this is correct: {@code textFile} is Hadoop's {@code TextInputFormat}, whose splits of one file
 * are byte ranges in file order and become the RDD's partitions in that order (a compressed file is one
 * split); {@code zipWithIndex} numbers elements by partition index, then position within the partition.
 * So the index is the line's position in the file. It costs one extra pass only when the file has more
 * than one split. One file per call: indices never mix files.
 *
 * <p>A file that cannot be read to its end (a truncated or corrupt compressed file) ends with one line
 * that is null, numbered after the last good line: the readers quarantine it as {@link
 * IngestTransform#UNREADABLE} and the job then fails naming file and line, without a failed Spark task.
 * A UTF-8 byte order mark before the first line is dropped.
 */
final class NumberedLines {

  static final String SOURCE_FILE = "_source_file";
  static final String RECORD = "_record";
  static final String LINE = "_line";

  static final StructType SCHEMA =
      new StructType()
          .add(SOURCE_FILE, StringType, false)
          .add(RECORD, LongType, false)
          .add(LINE, StringType, true);

  private NumberedLines() {}

  /** Lines of {@code location}; {@code sourceName} is what the quarantine table names the file by. */
  static Dataset<Row> read(SparkSession spark, String location, String sourceName) {
    JavaRDD<String> lines =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .textFile(location)
            .mapPartitionsWithIndex(new UntilUnreadable(), true);
    JavaRDD<Row> rows = lines.zipWithIndex().map(new ToNumberedRow(sourceName));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * The first line of {@code location} (decompressed as Hadoop would), or null when the file is empty.
   * Read on the driver: a header is tiny and a Spark job per file would cost more than the read. Also
   * proves the file can be opened (a {@code .gz} that is not gzip fails here, naming the file).
   */
  static String firstLine(SparkSession spark, String location, String sourceName) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path path = new Path(location);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (InputStream raw = fs.open(path);
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line = reader.readLine();
        return line != null && line.startsWith(BOM) ? line.substring(1) : line;
      }
    } catch (IOException e) {
      throw new InputException(
          sourceName + " line 1: cannot be read (" + e.getClass().getSimpleName()
              + (codec == null ? "" : "; not valid " + codec.getDefaultExtension() + " data?") + ")");
    }
  }

  static final String BOM = "\uFEFF";

  /**
   * Passes a partition's lines through; when reading fails (truncated or corrupt compressed data), ends
   * the partition with one null line instead of failing the task.
   */
  static final class UntilUnreadable implements Function2<Integer, Iterator<String>, Iterator<String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<String> call(Integer partition, Iterator<String> lines) {
      return new Iterator<>() {
        private boolean failed;
        private boolean done;

        @Override
        public boolean hasNext() {
          if (done) {
            return false;
          }
          if (failed) {
            return true;
          }
          try {
            if (lines.hasNext()) {
              return true;
            }
            done = true;
            return false;
          } catch (Exception e) { // Hadoop's record readers throw IOException through Scala code
            if (!isReadFailure(e)) {
              throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            failed = true;
            return true;
          }
        }

        @Override
        public String next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          if (failed) {
            done = true;
            return null;
          }
          return lines.next();
        }
      };
    }

    /** Whether {@code e} is an I/O failure of the file (Hadoop's iterators rethrow them unchecked). */
    private static boolean isReadFailure(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof IOException) {
          return true;
        }
      }
      return false;
    }
  }

  /** (line, 0-based index) → (source file, 1-based line number, line). */
  static final class ToNumberedRow implements Function<Tuple2<String, Long>, Row> {
    private static final long serialVersionUID = 1L;
    private final String sourceName;

    ToNumberedRow(String sourceName) {
      this.sourceName = sourceName;
    }

    @Override
    public Row call(Tuple2<String, Long> line) {
      String text = line._1();
      if (line._2() == 0 && text != null && text.startsWith(BOM)) {
        text = text.substring(1);
      }
      return RowFactory.create(sourceName, line._2() + 1, text);
    }
  }
}
