package io.clinicalpipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The launcher's console: quiet by default (its own log4j2.properties), everything with --verbose. */
class ConsoleLoggingTest {

  @AfterEach
  void restoreTheConfiguredLevels() {
    ((LoggerContext) LogManager.getContext(false)).reconfigure();
  }

  @Test
  void byDefault_librariesWarnOnly_theProjectsStepLinesShow() {
    assertThat(LogManager.getLogger("org.apache.spark.SparkContext").isInfoEnabled()).isFalse();
    assertThat(LogManager.getLogger("org.apache.spark.SparkContext").isWarnEnabled()).isTrue();
    assertThat(LogManager.getLogger("org.apache.hadoop.util.NativeCodeLoader").isWarnEnabled()).isFalse();
    assertThat(LogManager.getLogger("io.clinicalpipeline.common.spark.OrderedFooterCommitProtocol").isInfoEnabled())
        .as("Spark's per-task committer line, logged under our class name")
        .isFalse();
    assertThat(LogManager.getLogger("io.clinicalpipeline.jobs.train.XGBoostTrainer").isInfoEnabled()).isTrue();
  }

  @Test
  void verbose_turnsEveryLoggerToInfo() {
    ConsoleLogging.verbose();
    assertThat(LogManager.getLogger("org.apache.spark.SparkContext").isInfoEnabled()).isTrue();
    assertThat(LogManager.getLogger("io.clinicalpipeline.common.spark.OrderedFooterCommitProtocol").isInfoEnabled())
        .isTrue();
  }

  @Test
  void verbose_keepsTheLoggersThatNameInputFilesAtWarn_noteFileNamesArePhi() {
    ConsoleLogging.verbose();
    assertThat(ConsoleLogging.FILE_PATH_LOGGERS).contains("org.apache.spark.sql.execution.datasources.FileScanRDD");
    for (String name : ConsoleLogging.FILE_PATH_LOGGERS) {
      assertThat(LogManager.getLogger(name).isInfoEnabled()).as(name).isFalse();
      assertThat(LogManager.getLogger(name).isWarnEnabled()).as(name).isTrue();
    }
    assertThat(LogManager.getLogger("org.apache.spark.sql.execution.datasources.FileFormatWriter").isInfoEnabled())
        .as("other Spark loggers of the same package")
        .isTrue();
  }

  @Test
  void verbose_isTakenOffTheCommandLineBeforeTheCommandParsesIt() {
    assertThat(Main.run(new String[] {"--verbose", "run-local", "--help"})).isZero();
    assertThat(Main.run(new String[] {"run-local", "--verbose", "--no-such-option"})).isEqualTo(2);
  }
}
