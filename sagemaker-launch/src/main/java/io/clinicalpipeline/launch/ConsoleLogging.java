package io.clinicalpipeline.launch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The console's log levels. The defaults live in {@code log4j2.properties} of this module: the libraries
 * at WARN (ERROR for warnings known to be harmless), the project's own step lines at INFO.
 */
final class ConsoleLogging {

  private ConsoleLogging() {}

  /** {@code --verbose}: every logger at INFO, Spark's and Hadoop's included. */
  static void verbose() {
    Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, Level.INFO);
  }
}
