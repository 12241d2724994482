package io.clinicalpipeline.common.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.SparkSession;

/**
 * Facts about a Parquet table read from its files' footers on the driver, without a Spark job: the row
 * count and the latest value of a timestamp column. A Spark job costs scheduling and a pass over the files
 * however small the answer; a footer holds both answers. The table is the files Spark itself would read at
 * a location (same listing rules).
 */
public final class ParquetInputs {

  private ParquetInputs() {}

  /** Rows of the Parquet files Spark reads at {@code location}: the sum of their footers' row counts. */
  public static long rows(SparkSession spark, String location) {
    long rows = 0;
    for (ParquetMetadata footer : footers(spark, location)) {
      for (BlockMetaData block : footer.getBlocks()) {
        rows += block.getRowCount();
      }
    }
    return rows;
  }

  /**
   * The UTC date of the latest value of the timestamp column {@code column} at {@code location}, from the
   * row groups' statistics; empty when the column is not a UTC-adjusted micro- or millisecond timestamp,
   * a row group has no statistics for it, or every value is null (the caller then asks Spark).
   */
  public static Optional<LocalDate> latestDate(SparkSession spark, String location, String column) {
    Long latestMicros = null;
    for (ParquetMetadata footer : footers(spark, location)) {
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

  private static java.util.List<ParquetMetadata> footers(SparkSession spark, String location) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    java.util.List<ParquetMetadata> footers = new java.util.ArrayList<>();
    for (String file : spark.read().parquet(location).inputFiles()) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
        footers.add(reader.getFooter());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Parquet footer of a file under " + location, e);
      }
    }
    return footers;
  }
}
