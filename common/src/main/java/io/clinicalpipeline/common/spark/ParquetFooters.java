package io.clinicalpipeline.common.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes a Parquet file's footer independent of the JVM that wrote it.
 *
 * <p>parquet-java lists each column chunk's encodings by iterating a {@code HashSet} of enum constants, so
 * the list's order follows the writing JVM's identity hash codes: two processes writing the same rows give
 * files that differ in a few footer bytes (apache/parquet-java issue 3215). {@link #normalize} sorts every
 * such list by the encoding's number. The sorted footer has exactly the original length (the same values
 * in another order), so only those bytes change; data pages, indexes and offsets stay as written.
 *
 * <p>A footer is rewritten only when re-encoding the parsed original gives back exactly its bytes, so a
 * footer with fields this Parquet version does not know, or an encrypted one, is left alone. Local files
 * are patched in place and their Hadoop {@code .crc} side file updated; on other file systems the file is
 * written again.
 */
public final class ParquetFooters {

  /** What {@link #normalize} did to a file. */
  public enum Outcome {
    /** Every encoding list was already in order. */
    ORDERED,
    /** At least one list was reordered and the file rewritten. */
    REORDERED,
    /** Not a plain Parquet file, or a footer that does not re-encode exactly: left as it was. */
    LEFT_ALONE
  }

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRC_MAGIC = {'c', 'r', 'c', 0};
  private static final int TAIL = 8; // footer length (little-endian int) + magic
  /** Largest file an object store rewrite holds in memory (a row group's worth is held while writing anyway). */
  static final long IN_MEMORY_REWRITE = 256L << 20;

  private static final Comparator<Encoding> BY_NUMBER = Comparator.comparingInt(Encoding::getValue);

  private ParquetFooters() {}

  /** Sorts the encoding lists of {@code file}'s footer; see the class comment. */
  public static Outcome normalize(Configuration conf, Path file) throws IOException {
    return normalize(file.getFileSystem(conf), file);
  }

  static Outcome normalize(FileSystem fs, Path file) throws IOException {
    return normalize(fs, file, IN_MEMORY_REWRITE);
  }

  /** {@code inMemory}: the largest file a rewrite (not a local patch) reads into memory. */
  static Outcome normalize(FileSystem fs, Path file, long inMemory) throws IOException {
    long length = fs.getFileStatus(file).getLen();
    if (length < MAGIC.length + TAIL) {
      return Outcome.LEFT_ALONE;
    }
    byte[] footer;
    long footerStart;
    try (FSDataInputStream in = fs.open(file)) {
      byte[] tail = new byte[TAIL];
      in.readFully(length - TAIL, tail);
      if (!Arrays.equals(tail, 4, TAIL, MAGIC, 0, MAGIC.length)) {
        return Outcome.LEFT_ALONE;
      }
      int footerLength = ByteBuffer.wrap(tail, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
      if (footerLength <= 0 || footerLength > length - MAGIC.length - TAIL) {
        return Outcome.LEFT_ALONE;
      }
      footerStart = length - TAIL - footerLength;
      footer = new byte[footerLength];
      in.readFully(footerStart, footer);
    }
    byte[] ordered = orderedFooter(footer);
    if (ordered == null) {
      return Outcome.ORDERED;
    }
    if (ordered.length == 0) {
      return Outcome.LEFT_ALONE;
    }
    if (!patchLocal(fs, file, footerStart, ordered)) {
      rewrite(fs, file, footerStart, ordered, inMemory);
    }
    return Outcome.REORDERED;
  }

  /**
   * The footer with every encoding list sorted: {@code null} when all lists are already sorted, an empty
   * array when the footer cannot be re-encoded byte for byte (then the file must stay as it is).
   */
  static byte[] orderedFooter(byte[] footer) throws IOException {
    FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
    if (!Arrays.equals(encode(metadata), footer)) {
      return new byte[0];
    }
    boolean changed = false;
    for (ColumnMetaData column : columns(metadata)) {
      List<Encoding> encodings = column.getEncodings();
      List<Encoding> sorted = new ArrayList<>(encodings);
      sorted.sort(BY_NUMBER);
      if (!sorted.equals(encodings)) {
        column.setEncodings(sorted);
        changed = true;
      }
    }
    if (!changed) {
      return null;
    }
    byte[] out = encode(metadata);
    return out.length == footer.length ? out : new byte[0];
  }

  /** The encoding lists of every column chunk, in file order (tests read them too). */
  static List<List<Encoding>> encodingLists(byte[] footer) throws IOException {
    List<List<Encoding>> lists = new ArrayList<>();
    for (ColumnMetaData column : columns(Util.readFileMetaData(new ByteArrayInputStream(footer)))) {
      lists.add(column.getEncodings());
    }
    return lists;
  }

  private static List<ColumnMetaData> columns(FileMetaData metadata) {
    List<ColumnMetaData> columns = new ArrayList<>();
    if (metadata.getRow_groups() != null) {
      for (RowGroup group : metadata.getRow_groups()) {
        for (ColumnChunk chunk : group.getColumns()) {
          ColumnMetaData column = chunk.getMeta_data();
          if (column != null && column.getEncodings() != null) {
            columns.add(column);
          }
        }
      }
    }
    return columns;
  }

  private static byte[] encode(FileMetaData metadata) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Util.writeFileMetaData(metadata, out);
    return out.toByteArray();
  }

  /**
   * Overwrites the footer of a file on the local file system in place and brings its {@code .crc} side file
   * up to date. Returns false (nothing changed) when the file is not local, or when the side file is not
   * the Hadoop format this code checks it against.
   */
  private static boolean patchLocal(FileSystem fs, Path file, long footerStart, byte[] footer) throws IOException {
    File data;
    File crc = null;
    if (fs instanceof LocalFileSystem local) {
      data = local.pathToFile(file);
      File side = local.pathToFile(local.getChecksumFile(file));
      if (side.exists()) {
        crc = side;
      }
    } else if (fs instanceof RawLocalFileSystem raw) {
      data = raw.pathToFile(file);
    } else {
      return false;
    }
    if (crc != null && !crcMatches(data, crc)) {
      return false;
    }
    try (RandomAccessFile out = new RandomAccessFile(data, "rw")) {
      out.seek(footerStart);
      out.write(footer);
    }
    if (crc != null) {
      writeCrc(data, crc, footerStart);
    }
    return true;
  }

  /** True when {@code crc} is a Hadoop checksum file ("crc\0", bytes per sum, CRC32 per chunk) of {@code data}. */
  private static boolean crcMatches(File data, File crc) throws IOException {
    try (RandomAccessFile sums = new RandomAccessFile(crc, "r");
        RandomAccessFile in = new RandomAccessFile(data, "r")) {
      byte[] magic = new byte[CRC_MAGIC.length];
      sums.readFully(magic);
      int perSum = sums.readInt();
      long chunks = (in.length() + perSum - 1) / perSum;
      if (!Arrays.equals(magic, CRC_MAGIC) || perSum <= 0 || sums.length() != headerBytes() + 4 * chunks) {
        return false;
      }
      // Checking the last chunk is enough to know the format (the one the footer patch rewrites).
      long last = chunks - 1;
      sums.seek(headerBytes() + 4 * last);
      return sums.readInt() == chunkCrc(in, last, perSum);
    }
  }

  /** Recomputes the checksums of every chunk from the one holding {@code from} to the end of the file. */
  private static void writeCrc(File data, File crc, long from) throws IOException {
    try (RandomAccessFile sums = new RandomAccessFile(crc, "rw");
        RandomAccessFile in = new RandomAccessFile(data, "r")) {
      sums.seek(CRC_MAGIC.length);
      int perSum = sums.readInt();
      long chunks = (in.length() + perSum - 1) / perSum;
      long first = from / perSum;
      ByteBuffer updated = ByteBuffer.allocate(Math.toIntExact(4 * (chunks - first))); // big-endian, as Hadoop writes
      for (long chunk = first; chunk < chunks; chunk++) {
        updated.putInt(chunkCrc(in, chunk, perSum));
      }
      sums.seek(headerBytes() + 4 * first);
      sums.write(updated.array());
    }
  }

  private static int headerBytes() {
    return CRC_MAGIC.length + Integer.BYTES;
  }

  private static int chunkCrc(RandomAccessFile in, long chunk, int perSum) throws IOException {
    long start = chunk * perSum;
    byte[] bytes = new byte[(int) Math.min(perSum, in.length() - start)];
    in.seek(start);
    in.readFully(bytes);
    CRC32 sum = new CRC32();
    sum.update(bytes);
    return (int) sum.getValue();
  }

  /**
   * Any other file system (object stores have no random writes): the file is written again with the new
   * footer. Up to {@code inMemory} bytes ({@link #IN_MEMORY_REWRITE}) it is read into memory and overwritten, one upload on an
   * object store; a larger file is written beside it and renamed over it.
   */
  private static void rewrite(FileSystem fs, Path file, long footerStart, byte[] footer, long inMemory)
      throws IOException {
    if (footerStart + footer.length + TAIL <= inMemory) {
      byte[] bytes = new byte[Math.toIntExact(footerStart + footer.length + TAIL)];
      try (FSDataInputStream in = fs.open(file)) {
        in.readFully(0, bytes);
      }
      System.arraycopy(footer, 0, bytes, Math.toIntExact(footerStart), footer.length);
      try (OutputStream out = fs.create(file, true)) {
        out.write(bytes);
      }
      return;
    }
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".footer");
    try (InputStream in = fs.open(file);
        OutputStream out = fs.create(tmp, true)) {
      byte[] buffer = new byte[1 << 16];
      long left = footerStart;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("file shorter than its footer offset");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
      out.write(footer);
      out.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
      out.write(MAGIC);
    }
    if (!fs.delete(file, false) || !fs.rename(tmp, file)) {
      throw new IOException("cannot replace a Parquet file with its reordered copy");
    }
  }
}
