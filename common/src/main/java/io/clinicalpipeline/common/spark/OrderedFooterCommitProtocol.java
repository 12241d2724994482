package io.clinicalpipeline.common.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import scala.Option;

/**
 * Spark's default commit protocol for file sources, plus one step: before a task commits, every Parquet
 * file it wrote gets its footer put in a JVM-independent order ({@link ParquetFooters}). So the same rows
 * give the same bytes in every process, on executors, with no extra pass over the output.
 *
 * <p>{@link SparkSessions#forJob} installs it as {@code spark.sql.sources.commitProtocolClass} unless the
 * submitter chose another protocol (e.g. an S3A committer), in which case footers keep parquet-java's order.
 */
public class OrderedFooterCommitProtocol extends SQLHadoopMapReduceCommitProtocol {

  private static final long serialVersionUID = 1L;

  /** Files this task wrote; each task works on its own deserialized copy of the protocol. */
  private transient List<String> written;

  public OrderedFooterCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
    super(jobId, path, dynamicPartitionOverwrite);
  }

  @Override
  public String newTaskTempFile(TaskAttemptContext context, Option<String> dir, FileNameSpec spec) {
    return remember(super.newTaskTempFile(context, dir, spec));
  }

  @Override
  public String newTaskTempFileAbsPath(TaskAttemptContext context, String absoluteDir, FileNameSpec spec) {
    return remember(super.newTaskTempFileAbsPath(context, absoluteDir, spec));
  }

  @Override
  public FileCommitProtocol.TaskCommitMessage commitTask(TaskAttemptContext context) {
    List<String> files = takeWritten();
    try {
      for (String file : files) {
        if (file.endsWith(".parquet")) {
          ParquetFooters.normalize(context.getConfiguration(), new Path(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot order the footer of a Parquet file this task wrote", e);
    }
    return super.commitTask(context);
  }

  @Override
  public void abortTask(TaskAttemptContext context) {
    takeWritten();
    super.abortTask(context);
  }

  private synchronized String remember(String file) {
    if (written == null) {
      written = new ArrayList<>();
    }
    written.add(file);
    return file;
  }

  private synchronized List<String> takeWritten() {
    List<String> files = written == null ? List.of() : written;
    written = null;
    return files;
  }
}
