package io.clinicalpipeline.launch;

/** One {@code clinical-pipeline} command. */
public interface Command {

  /** The word after {@code clinical-pipeline}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** The full {@code --help} text: usage, options with defaults. */
  String help();

  /** Runs the command; returns the process exit code (0 ok, 1 failed, 2 bad usage). */
  int run(String[] args) throws Exception;
}
