package io.clinicalpipeline.jobs.meds;

import io.clinicalpipeline.common.io.OutputFiles;
import io.clinicalpipeline.common.io.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Writes MEDS's files: shard folders with stable names and no side files, and single-file tables. */
final class MedsFiles {

  private final Storage storage;

  MedsFiles(Storage storage) {
    this.storage = storage;
  }

  /** {@code rows} as Parquet files {@code part-NNNNN.parquet} under {@code location}, nothing else there. */
  void folder(Dataset<Row> rows, String location) {
    rows.write().mode(SaveMode.Overwrite).parquet(location);
    OutputFiles.publishParts(storage, location, ".parquet");
  }

  /** {@code rows} as the one Parquet file {@code location} (MEDS names its metadata tables as files). */
  void file(Dataset<Row> rows, String location) {
    String staging = location + ".staging";
    rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(staging);
    try {
      Path dir = new Path(Storage.normalize(staging));
      FileSystem fs = storage.fs(dir);
      FileStatus[] parts = fs.listStatus(dir, p -> p.getName().startsWith("part-"));
      if (parts.length != 1) {
        throw new IOException("expected one part file, found " + parts.length);
      }
      storage.replace(parts[0].getPath().toString(), location);
      storage.delete(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + location, e);
    }
  }
}
