package io.clinicalpipeline.synthea;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Reading and writing text files that may be gzip-compressed (by the {@code .gz} suffix). */
final class Gzip {

  private static final int BUFFER = 1 << 16;

  private Gzip() {}

  static boolean isGzip(Path p) {
    return p.getFileName().toString().endsWith(".gz");
  }

  /** The name without a trailing {@code .gz}. */
  static String plainName(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
  }

  static BufferedReader reader(Path p) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(p), BUFFER);
    if (isGzip(p)) {
      in = new GZIPInputStream(in, BUFFER);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
  }

  /** A writer; gzip-compressed when the name ends in {@code .gz} (header without a timestamp). */
  static BufferedWriter writer(Path p) throws IOException {
    Files.createDirectories(p.toAbsolutePath().getParent());
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), BUFFER);
    if (isGzip(p)) {
      out = new GZIPOutputStream(out, BUFFER);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
  }
}
