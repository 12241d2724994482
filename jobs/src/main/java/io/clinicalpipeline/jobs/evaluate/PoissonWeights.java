package io.clinicalpipeline.jobs.evaluate;

/**
 * Poisson(1) bootstrap weights, a pure function of (seed, row key, replicate): the same row gets the same
 * weight in every pass, in every partition layout and for every model, which makes the model-vs-baseline
 * bootstrap paired and the whole evaluation reproducible. SplitMix64 mixes the inputs; the weight is the
 * inverse CDF of Poisson(1) at the resulting 53-bit uniform, compared as integers.
 */
final class PoissonWeights {

  /** CDF of Poisson(1) at k = 0..MAX_K as 53-bit integer thresholds. */
  private static final long[] CDF;
  private static final int MAX_K = 20;

  static {
    CDF = new long[MAX_K + 1];
    double p = Math.exp(-1);
    double c = 0;
    for (int k = 0; k <= MAX_K; k++) {
      c += p;
      CDF[k] = (long) Math.min(c * 0x1.0p53, 0x1.0p53);
      p = p / (k + 1);
    }
    CDF[MAX_K] = 1L << 53;
  }

  private PoissonWeights() {}

  /** The per-row base from which its replicate weights derive. */
  static long rowBase(long seed, long key) {
    return mix(seed ^ mix(key));
  }

  /** The weight of the row with {@code base} in replicate {@code b}. */
  static int weight(long base, int b) {
    long u = mix(base + (b + 1) * 0x9E3779B97F4A7C15L) >>> 11;
    int k = 0;
    while (u >= CDF[k]) {
      k++;
    }
    return k;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
