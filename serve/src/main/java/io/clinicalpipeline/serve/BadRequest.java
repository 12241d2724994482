package io.clinicalpipeline.serve;

/**
 * A request the server refuses, with the HTTP status and a message for the caller. Messages name the line
 * and field at fault, never a value from the payload.
 */
final class BadRequest extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
