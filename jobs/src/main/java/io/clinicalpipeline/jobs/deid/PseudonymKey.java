package io.clinicalpipeline.jobs.deid;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret behind every pseudonym, date offset and surrogate: HMAC-SHA256 with domain-separated inputs.
 * Pseudonyms are the first 128 bits of {@code HMAC(key, "id:" + value)} as 32 lowercase hex characters.
 * Serializable so executor functions can carry it; {@link #toString()} never shows it.
 */
public final class PseudonymKey implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Days a shifted date moves back: 1..MAX_SHIFT_DAYS. */
  public static final int MAX_SHIFT_DAYS = 365;

  private final byte[] key;
  private transient Mac mac;

  public PseudonymKey(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("the de-identification key must have at least 16 bytes");
    }
    this.key = key.clone();
  }

  public static PseudonymKey of(String secret) {
    return new PseudonymKey(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The pseudonym of a source identifier; null stays null. */
  public String pseudonym(String id) {
    if (id == null) {
      return null;
    }
    return hex(hmac("id:" + id), 16);
  }

  /** The patient's date offset in days, 1..365, the same in every table and in the notes. */
  public int shiftDays(String patientId) {
    byte[] h = hmac("shift:" + patientId);
    int v = ((h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff)) & 0x7fffffff;
    return 1 + v % MAX_SHIFT_DAYS;
  }

  /** Keyed bytes for surrogates: the same (patient, value) gives the same bytes. */
  byte[] surrogateBytes(String patientScope, String value) {
    return hmac("surrogate:" + patientScope + "\u0000" + value);
  }

  /** A short fingerprint of the key (not the key), for manifests: lets runs be compared. */
  public String fingerprint() {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(hmac("fingerprint")), 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] hmac(String input) {
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      }
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static String hex(byte[] bytes, int n) {
    char[] out = new char[n * 2];
    for (int i = 0; i < n; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PseudonymKey k && MessageDigest.isEqual(key, k.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hmac("hash"));
  }

  @Override
  public String toString() {
    return "PseudonymKey[redacted]";
  }
}
