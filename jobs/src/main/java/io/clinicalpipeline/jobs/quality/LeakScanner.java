package io.clinicalpipeline.jobs.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds direct identifiers of the raw data in de-identified tables. The quality job only needs a flag
 * per row, so any scanner (this package's {@link IdentifierLeakScan}, or the de-identification package's
 * own) can sit behind this interface.
 */
public interface LeakScanner {

  /**
   * {@code table} with one more boolean column {@code flagColumn}: true where any text column holds a
   * direct identifier. Lazy: it adds no Spark job of its own.
   */
  Dataset<Row> flag(Dataset<Row> table, String flagColumn);
}
