package io.clinicalpipeline.common;

import io.clinicalpipeline.common.container.ProcessingContainer;
import java.io.PrintStream;

/**
 * Runs a job body and turns failures into an exit code and a message a person can act on. Messages come
 * from our own exceptions, which never carry values from the data; anything unexpected is reported by its
 * type only, so a library exception that quotes a row cannot leak PHI to the console or to SageMaker.
 */
public final class JobRunner {

  /** The body of a job: returns its exit code. */
  @FunctionalInterface
  public interface Body {
    int run() throws Exception;
  }

  private JobRunner() {}

  public static int run(String job, Body body) {
    return run(job, body, System.err);
  }

  public static int run(String job, Body body, PrintStream err) {
    try {
      return body.run();
    } catch (UsageException e) {
      err.println(job + ": " + e.getMessage());
      err.println("Run with --help for the options.");
      return 2;
    } catch (InputException e) {
      String message = job + " failed: " + e.getMessage();
      err.println(message);
      ProcessingContainer.reportFailureIfInContainer(message);
      return 2;
    } catch (JobException e) {
      String message = job + " failed: " + e.getMessage();
      err.println(message);
      ProcessingContainer.reportFailureIfInContainer(message);
      return 1;
    } catch (Exception | Error e) {
      String message =
          job + " failed with " + e.getClass().getName() + " (details withheld: they may quote data)";
      err.println(message);
      ProcessingContainer.reportFailureIfInContainer(message);
      return 1;
    }
  }

  /** Bad command-line use: exit code 2, the message names the flag. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }

  /**
   * The input cannot be used as given (missing, unreadable, malformed beyond the allowed share): exit
   * code 2, like bad usage, distinct from internal failures (1). The message names file, line and field,
   * never a value.
   */
  public static final class InputException extends JobException {
    public InputException(String message) {
      super(message);
    }
  }

  /** An expected failure whose message is safe to show (no values from the data). */
  public static class JobException extends RuntimeException {
    public JobException(String message) {
      super(message);
    }

    public JobException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
