package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.common.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Digests of step inputs. A folder with a {@code _manifest.json} is represented by the manifest's digest
 * (content without timing: job, version, config and input digests, row counts); a single file by its
 * content; any other folder by the names, sizes and modification times of its files (hashing a large raw
 * input on every run would cost more than the steps it saves).
 */
public final class Digests {

  private Digests() {}

  public static String of(Path p) {
    try {
      if (!Files.exists(p)) {
        return "missing";
      }
      if (Files.isRegularFile(p)) {
        return "file:" + content(p);
      }
      Path manifest = p.resolve(Manifest.FILE_NAME);
      if (Files.isRegularFile(manifest)) {
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        try {
          return "manifest:" + Manifest.fromJson(text).digest();
        } catch (UncheckedIOException e) {
          return "manifest-text:" + Manifest.sha256(text);
        }
      }
      StringBuilder sb = new StringBuilder();
      try (Stream<Path> walk = Files.walk(p)) {
        List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
        for (Path f : files) {
          sb.append(p.relativize(f)).append(' ').append(Files.size(f)).append(' ')
              .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
        }
      }
      return "listing:" + Manifest.sha256(sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read step input " + p + ": " + e.getClass().getSimpleName(), e);
    }
  }

  public static String content(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
