package io.clinicalpipeline.launch.sagemaker;

import java.nio.file.Path;

/**
 * A file the definition refers to that {@code upsert} puts in S3 before the pipeline runs: the jobs jar,
 * the Spark configuration, task spec, quality suite, hyperparameters. Keys carry the content's SHA-256, so
 * a changed file never hits a stale step cache and an unchanged one is not uploaded again.
 */
public record Upload(String s3Uri, Path file, byte[] content, String sha256) {

  public static Upload ofFile(String s3Uri, Path file, String sha256) {
    return new Upload(s3Uri, file, null, sha256);
  }

  public static Upload ofBytes(String s3Uri, byte[] content, String sha256) {
    return new Upload(s3Uri, null, content, sha256);
  }

  public String bucket() {
    return s3Uri.substring("s3://".length()).split("/", 2)[0];
  }

  public String key() {
    return s3Uri.substring("s3://".length()).split("/", 2)[1];
  }
}
