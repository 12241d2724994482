package io.clinicalpipeline.common.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where jobs read and write: local folders, {@code file://} or {@code s3a://} URIs. The one class that
 * turns a user's location into a Hadoop path and writes the small side files (manifests, reports) next to
 * the Parquet that Spark writes, through the same Hadoop file system and its encryption settings.
 */
public final class Storage {

  /** S3A settings taken from configuration (keys as in {@code clinical-pipeline.yaml}'s {@code s3} block). */
  public static final Map<String, String> S3A_KEYS =
      Map.of(
          "endpoint", "fs.s3a.endpoint",
          "path-style-access", "fs.s3a.path.style.access",
          "ssl-enabled", "fs.s3a.connection.ssl.enabled",
          "credentials-provider", "fs.s3a.aws.credentials.provider",
          "encryption-algorithm", "fs.s3a.encryption.algorithm",
          "encryption-key", "fs.s3a.encryption.key",
          "region", "fs.s3a.endpoint.region");

  private final Configuration hadoopConf;

  public Storage(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  public static Storage of(SparkSession spark) {
    return new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Normalises a location: {@code s3://} becomes {@code s3a://} (SageMaker and users write s3://), a bare
   * local path becomes an absolute {@code file:} URI; everything else is kept.
   */
  public static String normalize(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("location must not be empty");
    }
    String loc = location.strip();
    if (loc.startsWith("s3://")) {
      return "s3a://" + loc.substring("s3://".length());
    }
    if (loc.startsWith("s3a://") || loc.startsWith("file:") || loc.startsWith("hdfs://")) {
      return trimSlash(loc);
    }
    return Paths.get(loc).toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
  }

  public static boolean isS3(String location) {
    return location != null && (location.startsWith("s3a://") || location.startsWith("s3://"));
  }

  /** {@code base/child...} as a normalised location. */
  public static String resolve(String base, String... children) {
    StringBuilder sb = new StringBuilder(normalize(base));
    for (String c : children) {
      sb.append('/').append(c.replaceAll("^/+", "").replaceAll("/+$", ""));
    }
    return sb.toString();
  }

  public boolean exists(String location) {
    try {
      Path p = new Path(normalize(location));
      return fs(p).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + location + ": " + e.getMessage(), e);
    }
  }

  public void writeText(String location, String content) {
    Path p = new Path(normalize(location));
    try (OutputStream out = fs(p).create(p, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + location + ": " + e.getMessage(), e);
    }
  }

  public String readText(String location) {
    Path p = new Path(normalize(location));
    try (InputStream in = fs(p).open(p)) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  public void delete(String location) {
    Path p = new Path(normalize(location));
    try {
      fs(p).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location + ": " + e.getMessage(), e);
    }
  }

  /** Moves {@code from} to {@code to} (a rename on file systems that have one), replacing {@code to}. */
  public void replace(String from, String to) {
    Path src = new Path(normalize(from));
    Path dst = new Path(normalize(to));
    try {
      FileSystem fs = fs(dst);
      if (fs.exists(dst)) {
        fs.delete(dst, true);
      }
      if (dst.getParent() != null) {
        fs.mkdirs(dst.getParent());
      }
      if (!fs.rename(src, dst)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /** Total bytes of the files under {@code location} (0 when it does not exist). */
  public long size(String location) {
    try {
      Path p = new Path(normalize(location));
      FileSystem fs = fs(p);
      return fs.exists(p) ? fs.getContentSummary(p).getLength() : 0L;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot size " + location, e);
    }
  }

  public FileSystem fs(Path p) throws IOException {
    return FileSystem.get(URI.create(p.toString()), hadoopConf);
  }

  public Configuration hadoopConf() {
    return hadoopConf;
  }

  private static String trimSlash(String s) {
    return s.length() > "s3a://x".length() && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
