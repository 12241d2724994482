package io.clinicalpipeline.jobs.meds;

import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.spark.sql.Column;

/**
 * MEDS subject ids from the keyed patient pseudonyms: the first 8 bytes of SHA-256 over the pseudonym (UTF-8),
 * big-endian, with the sign bit cleared, so every id is a non-negative int64. The same pseudonym always gives
 * the same id; the export fails when two pseudonyms give one id.
 */
public final class MedsIds {

  private static final BigDecimal TWO_TO_63 = new BigDecimal("9223372036854775808");

  private MedsIds() {}

  /** The subject id of one pseudonym. */
  public static long subjectId(String pseudonym) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(pseudonym.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, 8).getLong() & Long.MAX_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** {@link #subjectId(String)} as a Spark column over a string pseudonym column. */
  public static Column subjectId(Column pseudonym) {
    Column unsigned = conv(substring(sha2(pseudonym, 256), 1, 16), 16, 10).cast("decimal(20,0)");
    return pmod(unsigned, lit(TWO_TO_63)).cast("long");
  }
}
