package io.clinicalpipeline.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Copies a model from S3 into a local directory before loading: {@code s3://bucket/key.tar.gz} (the
 * {@code model.tar.gz} SageMaker training uploads) is unpacked; {@code s3://bucket/prefix} is read as a
 * model directory ({@code prefix/xgboost-model}, and {@code prefix/feature_manifest.json} when there).
 */
final class ModelFetch {

  private ModelFetch() {}

  static Path fetch(S3Client s3, String uri, Path into) throws IOException {
    if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
      throw new IOException("not an s3://bucket/key URI: " + uri);
    }
    String bucket = uri.substring(5, uri.indexOf('/', 5));
    String key = uri.substring(uri.indexOf('/', 5) + 1);
    Files.createDirectories(into);
    if (key.endsWith(".tar.gz")) {
      try (InputStream in = new GZIPInputStream(s3.getObject(request(bucket, key)))) {
        untar(in, into);
      }
      return into;
    }
    String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
    s3.getObject(request(bucket, prefix + ModelDir.MODEL_FILE),
        ResponseTransformer.toFile(into.resolve(ModelDir.MODEL_FILE)));
    try {
      s3.getObject(request(bucket, prefix + ModelDir.FEATURE_MANIFEST),
          ResponseTransformer.toFile(into.resolve(ModelDir.FEATURE_MANIFEST)));
    } catch (NoSuchKeyException absent) {
      // CSV rows only, as for a local directory without a manifest.
    }
    return into;
  }

  private static GetObjectRequest request(String bucket, String key) {
    return GetObjectRequest.builder().bucket(bucket).key(key).build();
  }

  /** Regular files of a (ustar or GNU) tar stream; a name that would leave {@code into} is refused. */
  static void untar(InputStream in, Path into) throws IOException {
    byte[] header = new byte[512];
    Path root = into.toAbsolutePath().normalize();
    while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
      String name = text(header, 0, 100);
      if (header[257] == 'u' && header[345] != 0) {
        name = text(header, 345, 155) + "/" + name;
      }
      long size = Long.parseLong(text(header, 124, 12).strip().isEmpty() ? "0" : text(header, 124, 12).strip(), 8);
      byte type = header[156];
      long padded = (size + 511) / 512 * 512;
      if (type == '0' || type == 0) {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new IOException("model archive entry outside the model directory");
        }
        Files.createDirectories(target.getParent());
        try (var out = Files.newOutputStream(target)) {
          copy(in, out, size);
        }
        in.skipNBytes(padded - size);
      } else {
        in.skipNBytes(padded);
      }
    }
  }

  private static void copy(InputStream in, java.io.OutputStream out, long size) throws IOException {
    byte[] buf = new byte[65536];
    for (long left = size; left > 0; ) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("model archive ends inside a file");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static String text(byte[] b, int from, int length) {
    int end = from;
    while (end < from + length && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }
}
