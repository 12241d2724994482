package io.clinicalpipeline.launch.sagemaker;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Retries an AWS call on throttling with exponential backoff and full jitter (the SDK's own retries are
 * turned off on our clients so this is the one place that decides). Other errors pass through at once.
 */
public final class Retry {

  static final Set<String> THROTTLING =
      Set.of("ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown");

  private final int maxAttempts;
  private final Duration base;
  private final Duration cap;
  private int retries;

  public Retry(int maxAttempts, Duration base, Duration cap) {
    this.maxAttempts = maxAttempts;
    this.base = base;
    this.cap = cap;
  }

  public static Retry standard() {
    return new Retry(8, Duration.ofMillis(500), Duration.ofSeconds(20));
  }

  /** How many retries this instance has made, for reporting. */
  public int retries() {
    return retries;
  }

  public <T> T call(String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        boolean throttled = THROTTLING.contains(code) || e.statusCode() == 429;
        if (!throttled || attempt >= maxAttempts) {
          throw e;
        }
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        long sleep = (long) (ceiling / 2.0 + Math.random() * ceiling / 2.0);
        System.err.printf("%s throttled (attempt %d of %d); retrying in %d ms%n", what, attempt, maxAttempts, sleep);
        retries++;
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
