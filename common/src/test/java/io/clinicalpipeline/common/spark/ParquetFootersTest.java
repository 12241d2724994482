package io.clinicalpipeline.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Footers whose encoding lists are in another order (as another JVM writes them) are brought back to the
 * one order: on the checksummed local file system (the {@code .crc} stays valid), and on a file system that
 * is not local (the file is rewritten). Files a job session writes are already in that order.
 */
class ParquetFootersTest {

  @TempDir static Path tmp;
  static SparkSession spark;
  static Path written;
  static final Configuration CONF = new Configuration();

  @BeforeAll
  static void write() throws IOException {
    spark = SparkSessions.forJob("parquet-footers-test", Map.of());
    Dataset<Row> rows =
        spark.range(0, 5000)
            .selectExpr(
                "id",
                "IF(id % 7 = 0, NULL, CAST(id % 13 AS STRING)) AS code",
                "CAST(id * 1.5 AS DOUBLE) AS value",
                "IF(id % 3 = 0, NULL, concat('row-', CAST(id AS STRING))) AS text");
    String out = tmp.resolve("table").toString();
    rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out);
    try (var files = Files.list(Path.of(out))) {
      written = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  @Test
  void aJobSessionWritesOrderedLists_andInstallsTheProtocol() throws IOException {
    assertThat(spark.conf().get(SparkSessions.COMMIT_PROTOCOL)).isEqualTo(OrderedFooterCommitProtocol.class.getName());
    List<List<Encoding>> lists = ParquetFooters.encodingLists(footer(Files.readAllBytes(written)));
    assertThat(lists).hasSize(4).anyMatch(l -> l.size() > 1);
    for (List<Encoding> l : lists) {
      assertThat(l).isSortedAccordingTo(Comparator.comparingInt(Encoding::getValue));
    }
    assertThat(ParquetFooters.normalize(CONF, hadoop(written))).isEqualTo(ParquetFooters.Outcome.ORDERED);
  }

  @Test
  void aProtocolTheSubmitterChose_isKept() {
    String ours = spark.conf().get(SparkSessions.COMMIT_PROTOCOL);
    String theirs = org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol.class.getName();
    spark.conf().set(SparkSessions.COMMIT_PROTOCOL, theirs);
    try {
      SparkSessions.forJob("parquet-footers-test", Map.of());
      assertThat(spark.conf().get(SparkSessions.COMMIT_PROTOCOL)).isEqualTo(theirs);
    } finally {
      spark.conf().set(SparkSessions.COMMIT_PROTOCOL, ours);
    }
  }

  @Test
  void reversedLists_onTheLocalFileSystem_areReordered_inPlace_withAValidChecksum() throws IOException {
    byte[] original = Files.readAllBytes(written);
    Path copy = tmp.resolve("local/part.parquet");
    LocalFileSystem local = FileSystem.getLocal(CONF);
    try (OutputStream out = local.create(hadoop(copy), true)) {
      out.write(reversed(original));
    }
    assertThat(Files.readAllBytes(copy)).hasSameSizeAs(original).isNotEqualTo(original);

    assertThat(ParquetFooters.normalize(CONF, hadoop(copy))).isEqualTo(ParquetFooters.Outcome.REORDERED);

    assertThat(Files.readAllBytes(copy)).isEqualTo(original);
    Path crc = copy.resolveSibling(".part.parquet.crc");
    assertThat(Files.readAllBytes(crc)).isEqualTo(Files.readAllBytes(written.resolveSibling("." + written.getFileName() + ".crc")));
    try (InputStream in = local.open(hadoop(copy))) {
      assertThat(in.readAllBytes()).as("read through the checksum-verifying file system").isEqualTo(original);
    }
    assertThat(spark.read().parquet(copy.toString()).except(spark.read().parquet(written.toString())).count()).isZero();
  }

  @Test
  void reversedLists_onAnotherFileSystem_areRewritten_inMemory() throws IOException {
    rewrittenOnAnotherFileSystem("in-memory", ParquetFooters.IN_MEMORY_REWRITE);
  }

  @Test
  void reversedLists_onAnotherFileSystem_areRewritten_besideAndRenamed() throws IOException {
    rewrittenOnAnotherFileSystem("beside", 0);
  }

  private static void rewrittenOnAnotherFileSystem(String dir, long inMemory) throws IOException {
    byte[] original = Files.readAllBytes(written);
    Path copy = tmp.resolve(dir + "/part.parquet");
    Files.createDirectories(copy.getParent());
    Files.write(copy, reversed(original));
    RawLocalFileSystem raw = new RawLocalFileSystem();
    raw.initialize(java.net.URI.create("file:///"), CONF);
    FileSystem notLocal = new FilterFileSystem(raw);

    assertThat(ParquetFooters.normalize(notLocal, hadoop(copy), inMemory)).isEqualTo(ParquetFooters.Outcome.REORDERED);

    assertThat(Files.readAllBytes(copy)).isEqualTo(original);
    try (var left = Files.list(copy.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("part.parquet");
    }
  }

  @Test
  void aFileThatIsNotParquet_isLeftAlone() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.parquet"), "not a parquet file at all, PAR1 only inside");
    byte[] before = Files.readAllBytes(text);
    assertThat(ParquetFooters.normalize(CONF, hadoop(text))).isEqualTo(ParquetFooters.Outcome.LEFT_ALONE);
    assertThat(Files.readAllBytes(text)).isEqualTo(before);
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  private static byte[] footer(byte[] file) {
    int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] footer = new byte[length];
    System.arraycopy(file, file.length - 8 - length, footer, 0, length);
    return footer;
  }

  /** The file with every encoding list reversed: what a JVM with other identity hash codes may write. */
  private static byte[] reversed(byte[] file) throws IOException {
    byte[] footer = footer(file);
    FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
    for (RowGroup g : metadata.getRow_groups()) {
      for (ColumnChunk c : g.getColumns()) {
        List<Encoding> list = new ArrayList<>(c.getMeta_data().getEncodings());
        Collections.reverse(list);
        c.getMeta_data().setEncodings(list);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Util.writeFileMetaData(metadata, out);
    byte[] changed = out.toByteArray();
    assertThat(changed).hasSameSizeAs(footer);
    byte[] copy = file.clone();
    System.arraycopy(changed, 0, copy, file.length - 8 - footer.length, footer.length);
    return copy;
  }
}
