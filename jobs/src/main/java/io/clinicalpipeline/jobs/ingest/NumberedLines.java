package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
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
    JavaRDD<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(location);
    JavaRDD<Row> rows = lines.zipWithIndex().map(new ToNumberedRow(sourceName));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * The first line of {@code location} (decompressed as Hadoop would), or null when the file is empty.
   * Read on the driver: a header is tiny and a Spark job per file would cost more than the read.
   */
  static String firstLine(SparkSession spark, String location) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      try (InputStream raw = fs.open(path);
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return reader.readLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ": " + e.getClass().getSimpleName(), e);
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
      return RowFactory.create(sourceName, line._2() + 1, line._1());
    }
  }
}
