package io.clinicalpipeline.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Stable names for the files Spark writes into a folder. Spark names part files after a random job id
 * ({@code part-00000-<uuid>-c000.snappy.parquet}); these helpers rename them to {@code part-NNNNN<ext>} in
 * the order of their original names, so the same input gives the same file names on every run.
 */
public final class OutputFiles {

  private OutputFiles() {}

  /** Renames the part files under {@code location} to {@code part-NNNNN} plus their own extension. */
  public static void nameParts(Storage storage, String location) {
    rename(storage, location, null);
  }

  /**
   * Renames the part files under {@code location} to {@code part-NNNNN<extension>} and removes every
   * hidden or side file there ({@code _SUCCESS}, checksums): for folders handed to tools that read every
   * file they find, such as SageMaker channels.
   */
  public static void publishParts(Storage storage, String location, String extension) {
    rename(storage, location, extension);
    try {
      Path dir = new Path(Storage.normalize(location));
      FileSystem fs = storage.fs(dir);
      // The local file system hides its checksum files from listings; its raw form shows them.
      if (fs instanceof ChecksumFileSystem checksummed) {
        fs = checksummed.getRawFileSystem();
      }
      for (FileStatus f : fs.listStatus(dir, p -> isSideFile(p.getName()))) {
        if (!fs.delete(f.getPath(), false)) {
          throw new IOException("delete returned false");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the output folder " + location, e);
    }
  }

  /** A file whose name starts with {@code _} or {@code .}: Hadoop's markers and checksums. */
  public static boolean isSideFile(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static void rename(Storage storage, String location, String extension) {
    try {
      Path dir = new Path(Storage.normalize(location));
      FileSystem fs = storage.fs(dir);
      FileStatus[] files = fs.listStatus(dir, p -> p.getName().startsWith("part-"));
      Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
      for (int i = 0; i < files.length; i++) {
        String name = files[i].getPath().getName();
        int dot = name.indexOf('.');
        String ext = extension != null ? extension : dot >= 0 ? name.substring(dot) : "";
        Path target = new Path(dir, String.format("part-%05d%s", i, ext));
        if (!target.equals(files[i].getPath()) && !fs.rename(files[i].getPath(), target)) {
          throw new IOException("rename returned false");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot name the output files under " + location, e);
    }
  }
}
