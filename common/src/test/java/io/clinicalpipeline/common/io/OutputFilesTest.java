package io.clinicalpipeline.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

  @TempDir Path dir;

  private final Storage storage = new Storage(new Configuration());

  /** Writes what Spark leaves in a text output folder, through Hadoop's local file system (checksums). */
  private void sparkLikeFolder() {
    storage.writeText(dir.resolve("part-00001-9f1c2b7e-0000-c000.txt").toString(), "b\n");
    storage.writeText(dir.resolve("part-00000-9f1c2b7e-0000-c000.txt").toString(), "a\n");
    storage.writeText(dir.resolve("_SUCCESS").toString(), "");
  }

  @Test
  void publishParts_stableNamesAndNoHiddenOrSideFiles() throws IOException {
    sparkLikeFolder();
    assertThat(names()).anyMatch(n -> n.endsWith(".crc")).contains("_SUCCESS");
    OutputFiles.publishParts(storage, dir.toString(), ".csv");
    assertThat(names()).containsExactly("part-00000.csv", "part-00001.csv");
    assertThat(Files.readString(dir.resolve("part-00000.csv"))).isEqualTo("a\n");
    assertThat(Files.readString(dir.resolve("part-00001.csv"))).isEqualTo("b\n");
  }

  @Test
  void nameParts_keepsEachFilesExtensionAndTheSideFiles() throws IOException {
    sparkLikeFolder();
    OutputFiles.nameParts(storage, dir.toString());
    assertThat(names()).contains("part-00000.txt", "part-00001.txt", "_SUCCESS")
        .noneMatch(n -> n.contains("9f1c2b7e"));
  }

  @Test
  void publishParts_twice_isUnchanged() throws IOException {
    sparkLikeFolder();
    OutputFiles.publishParts(storage, dir.toString(), ".csv");
    OutputFiles.publishParts(storage, dir.toString(), ".csv");
    assertThat(names()).containsExactly("part-00000.csv", "part-00001.csv");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
