package io.clinicalpipeline.jobs.deid;

import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.io.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the de-identification key comes from: {@code --key-file F}, {@code --key-env VAR} (default
 * {@value #DEFAULT_ENV}) or {@code --demo-key}. The demo key is public, so it is refused for any output on
 * {@code s3a://}. No key: a clear error. The key's value never appears in a message.
 */
public record KeySource(String keyFile, String keyEnv, boolean demoKey) {

  public static final String DEFAULT_ENV = "CLINICAL_PIPELINE_DEID_KEY";
  static final String DEMO_SECRET = "clinical-pipeline-demo-key: public, for local demos only";

  public static KeySource defaults() {
    return new KeySource(null, null, false);
  }

  public KeySource {
    int n = (keyFile != null ? 1 : 0) + (keyEnv != null ? 1 : 0) + (demoKey ? 1 : 0);
    if (n > 1) {
      throw new UsageException("use only one of --key-file, --key-env and --demo-key");
    }
  }

  /** Resolves the key; {@code outputs} are checked against the demo-key rule. */
  public PseudonymKey resolve(Map<String, String> env, List<String> outputs) {
    if (demoKey) {
      for (String o : outputs) {
        if (o != null && Storage.isS3(Storage.normalize(o))) {
          throw new UsageException("--demo-key is refused for s3a:// outputs: the demo key is public; use --key-file or --key-env");
        }
      }
      return PseudonymKey.of(DEMO_SECRET);
    }
    if (keyFile != null) {
      String secret;
      try {
        secret = Files.readString(Path.of(keyFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new JobException("cannot read the key file given by --key-file (" + e.getClass().getSimpleName() + ")");
      }
      return checked(secret, "--key-file");
    }
    String var = keyEnv == null ? DEFAULT_ENV : keyEnv;
    String secret = env.get(var);
    if (secret == null || secret.isBlank()) {
      throw new UsageException(
          "no de-identification key: set the environment variable " + var
              + ", or pass --key-file FILE or --key-env VAR (--demo-key for local demos only)");
    }
    return checked(secret.strip(), "environment variable " + var);
  }

  private static PseudonymKey checked(String secret, String where) {
    if (secret.getBytes(StandardCharsets.UTF_8).length < 16) {
      throw new UsageException("the key from " + where + " is too short: it needs at least 16 bytes");
    }
    return PseudonymKey.of(secret);
  }

  /** The flags that reproduce this source. */
  public List<String> toArgs() {
    List<String> a = new ArrayList<>();
    if (keyFile != null) {
      a.add("--key-file");
      a.add(keyFile);
    }
    if (keyEnv != null) {
      a.add("--key-env");
      a.add(keyEnv);
    }
    if (demoKey) {
      a.add("--demo-key");
    }
    return a;
  }

  @Override
  public String toString() {
    return demoKey ? "demo-key" : keyFile != null ? "key-file" : "key-env " + (keyEnv == null ? DEFAULT_ENV : keyEnv);
  }
}
