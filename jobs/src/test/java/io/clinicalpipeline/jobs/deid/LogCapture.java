package io.clinicalpipeline.jobs.deid;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Runs code with the root logger at DEBUG and returns everything logged meanwhile (tests only). */
final class LogCapture {

  private LogCapture() {}

  static String atDebug(Runnable body) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    StringWriter out = new StringWriter();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName("deid-test-capture")
            .setTarget(out)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%ex").build())
            .build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    Level old = root.getLevel();
    root.addAppender(appender, Level.DEBUG, null);
    root.setLevel(Level.DEBUG);
    ctx.updateLoggers();
    try {
      body.run();
    } finally {
      root.removeAppender(appender.getName());
      root.setLevel(old);
      ctx.updateLoggers();
      appender.stop();
    }
    return out.toString();
  }
}
