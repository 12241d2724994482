package io.clinicalpipeline.common.spark;

import io.clinicalpipeline.common.io.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Facts about a Parquet table read from its files' footers on the driver, without a Spark job: the row
 * count and the latest value of a timestamp column. A Spark job costs scheduling and a pass over the files
 * however small the answer; a footer holds both answers. The table is a {@code spark.read().parquet(...)}
 * Dataset as read (no filter): its files are the ones Spark lists, and asking for them starts no job (a new
 * read would: Spark infers a Parquet schema with a job).
 */
public final class ParquetInputs {

  private ParquetInputs() {}

  /** The footer key under which Spark stores a file's schema as JSON. */
  static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

  /**
   * {@code spark.read().parquet(location)} without the Spark job that infers the schema: Spark infers it
   * from one file's footer, preferring the schema it stored there itself, so that schema, read from the
   * first file here, is given to the reader. Files written by anything else (no stored schema) are read
   * the usual way.
   */
  public static Dataset<Row> read(SparkSession spark, String location) {
    Storage storage = Storage.of(spark);
    try {
      Path dir = new Path(Storage.normalize(location));
      FileSystem fs = storage.fs(dir);
      FileStatus[] files =
          fs.listStatus(dir, p -> !p.getName().startsWith("_") && !p.getName().startsWith(".")
              && p.getName().endsWith(".parquet"));
      if (files.length == 0 || !fs.getFileStatus(dir).isDirectory()) {
        return spark.read().parquet(location);
      }
      Arrays.sort(files, Comparator.comparing((FileStatus f) -> f.getPath().getName()));
      String stored =
          footer(HadoopInputFile.fromStatus(files[0], storage.hadoopConf())).getFileMetaData().getKeyValueMetaData()
              .get(SPARK_SCHEMA);
      if (stored == null || !(DataType.fromJson(stored) instanceof StructType schema)) {
        return spark.read().parquet(location);
      }
      return spark.read().schema(schema).parquet(location);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet footers under " + location, e);
    }
  }

  /** Rows of a Parquet table as read: the sum of its files' footer row counts. */
  public static long rows(Dataset<Row> table) {
    long rows = 0;
    for (ParquetMetadata footer : footers(table)) {
      for (BlockMetaData block : footer.getBlocks()) {
        rows += block.getRowCount();
      }
    }
    return rows;
  }

  /**
   * The UTC date of the latest value of the timestamp column {@code column} of a table as read, from the
   * row groups' statistics; empty when the column is not a UTC-adjusted micro- or millisecond timestamp,
   * a row group has no statistics for it, or every value is null (the caller then asks Spark).
   */
  public static Optional<LocalDate> latestDate(Dataset<Row> table, String column) {
    Long latestMicros = null;
    for (ParquetMetadata footer : footers(table)) {
      if (!footer.getFileMetaData().getSchema().containsField(column)) {
        return Optional.empty();
      }
      Type type = footer.getFileMetaData().getSchema().getType(column);
      long microsPerUnit = microsPerUnit(type);
      if (microsPerUnit == 0) {
        return Optional.empty();
      }
      for (BlockMetaData block : footer.getBlocks()) {
        if (block.getRowCount() == 0) {
          continue;
        }
        Optional<ColumnChunkMetaData> chunk =
            block.getColumns().stream().filter(c -> c.getPath().toDotString().equals(column)).findFirst();
        if (chunk.isEmpty()) {
          return Optional.empty();
        }
        Statistics<?> stats = chunk.get().getStatistics();
        if (!(stats instanceof LongStatistics longs) || stats.isEmpty()) {
          return Optional.empty();
        }
        if (!longs.hasNonNullValue()) {
          continue;
        }
        long micros = Math.multiplyExact(longs.genericGetMax(), microsPerUnit);
        latestMicros = latestMicros == null ? micros : Math.max(latestMicros, micros);
      }
    }
    if (latestMicros == null) {
      return Optional.empty();
    }
    Instant latest = Instant.EPOCH.plusNanos(Math.multiplyExact(latestMicros, 1000L));
    return Optional.of(LocalDate.ofInstant(latest, ZoneOffset.UTC));
  }

  /** Microseconds per stored unit of a UTC-adjusted INT64 timestamp column, or 0 for anything else. */
  private static long microsPerUnit(Type type) {
    if (!type.isPrimitive() || type.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.INT64) {
      return 0;
    }
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (!(logical instanceof TimestampLogicalTypeAnnotation ts) || !ts.isAdjustedToUTC()) {
      return 0;
    }
    return switch (ts.getUnit()) {
      case MICROS -> 1;
      case MILLIS -> 1000;
      default -> 0;
    };
  }

  private static java.util.List<ParquetMetadata> footers(Dataset<Row> table) {
    Configuration conf = Storage.of(table.sparkSession()).hadoopConf();
    java.util.List<ParquetMetadata> footers = new java.util.ArrayList<>();
    for (String file : table.inputFiles()) {
      try {
        footers.add(footer(HadoopInputFile.fromPath(new Path(file), conf)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Parquet footer of " + new Path(file).getName(), e);
      }
    }
    return footers;
  }

  private static ParquetMetadata footer(InputFile file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(file)) {
      return reader.getFooter();
    }
  }
}
