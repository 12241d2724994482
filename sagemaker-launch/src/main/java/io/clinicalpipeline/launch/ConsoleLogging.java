package io.clinicalpipeline.launch;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The console's log levels. The defaults live in {@code log4j2.properties} of this module: the libraries
 * at WARN (ERROR for warnings known to be harmless), the project's own step lines at INFO.
 */
final class ConsoleLogging {

  /**
   * Loggers whose INFO lines name input files. Synthea names note files after the patient
   * ({@code First_Last_id.txt}), so these stay at WARN even with {@code --verbose}: a path is PHI there.
   */
  static final List<String> FILE_PATH_LOGGERS =
      List.of(
          "org.apache.spark.sql.execution.datasources.FileScanRDD",
          "org.apache.spark.sql.execution.datasources.InMemoryFileIndex",
          "org.apache.spark.sql.execution.datasources.FileSourceStrategy",
          "org.apache.spark.sql.execution.FileSourceScanExec",
          "org.apache.spark.rdd.HadoopRDD",
          "org.apache.spark.rdd.NewHadoopRDD",
          "org.apache.spark.rdd.WholeTextFileRDD",
          "org.apache.spark.rdd.BinaryFileRDD",
          "org.apache.hadoop.mapred.FileInputFormat",
          "org.apache.hadoop.mapreduce.lib.input.FileInputFormat",
          "org.apache.hadoop.io.compress.CodecPool");

  private ConsoleLogging() {}

  /** {@code --verbose}: every logger at INFO, Spark's and Hadoop's included, except those naming input files. */
  static void verbose() {
    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.INFO);
    FILE_PATH_LOGGERS.forEach(name -> Configurator.setLevel(name, Level.WARN));
  }
}
