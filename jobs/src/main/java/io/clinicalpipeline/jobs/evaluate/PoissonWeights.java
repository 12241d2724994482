package io.clinicalpipeline.jobs.evaluate;

/**
 * Poisson(1) bootstrap weights, a pure function of (seed, row key, replicate): the same row gets the same
 * weight in every pass, in every partition layout and for every model, which makes the model-vs-baseline
 * bootstrap paired and the whole evaluation reproducible.
 *
 * <p>SplitMix64 mixes (seed, key) into a per-row base and (base, replicate / 4) into 64 random bits, cut into
 * four 16-bit uniforms; a 65,536-entry table maps each to the inverse CDF of Poisson(1). The quantisation
 * moves each probability P(w = k) by less than 2^-16 (weights above 7 never occur, P(w > 7) = 1e-5): an
 * effect far below the Monte Carlo error of a 200-replicate bootstrap, for a quarter of the hashing and one
 * table load per weight, which is what makes 2 billion weights per model affordable.
 */
final class PoissonWeights {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final byte[] TABLE = new byte[1 << 16];

  static {
    double p = Math.exp(-1);
    double cdf = p;
    int k = 0;
    for (int u = 0; u < TABLE.length; u++) {
      // Weight of the uniform (u + 0.5) / 65536: the least k with CDF(k) above it.
      double x = (u + 0.5) / TABLE.length;
      while (x >= cdf && k < 100) {
        k++;
        p = p / k;
        cdf += p;
      }
      TABLE[u] = (byte) k;
    }
  }

  private PoissonWeights() {}

  /** The per-row base from which its replicate weights derive. */
  static long rowBase(long seed, long key) {
    return mix(seed ^ mix(key));
  }

  /** The weight of the row with {@code base} in replicate {@code b}. */
  static int weight(long base, int b) {
    long z = mix(base + ((b >>> 2) + 1) * GOLDEN);
    return TABLE[(int) (z >>> ((b & 3) << 4)) & 0xFFFF];
  }

  /**
   * The row's weights in replicates 0 .. out.length - 1, as {@link #weight} gives them. Unrolled by four
   * (one hash each): this fill is the hottest loop of the evaluation, 2 x 10^9 weights per model at ten million
   * rows and 200 replicates.
   */
  static void fill(long base, int[] out) {
    int n = out.length;
    int full = n & ~3;
    long h = base;
    for (int b = 0; b < full; b += 4) {
      h += GOLDEN;
      long z = mix(h);
      out[b] = TABLE[(int) z & 0xFFFF];
      out[b + 1] = TABLE[(int) (z >>> 16) & 0xFFFF];
      out[b + 2] = TABLE[(int) (z >>> 32) & 0xFFFF];
      out[b + 3] = TABLE[(int) (z >>> 48)];
    }
    for (int b = full; b < n; b++) {
      out[b] = weight(base, b);
    }
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
