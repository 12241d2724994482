package io.clinicalpipeline.jobs.evaluate;

/**
 * The order of a block's rows: ascending score, tied scores by row key, then label. A total order on the
 * rows' values, so the block comes out the same whatever order its rows arrived in, and every sum over it is
 * bit-reproducible. Sorting primitive arrays (a bottom-up merge sort of sort keys carrying row positions)
 * costs a small part of what Spark's row sorter does with the same rows.
 */
final class ScoreOrder {

  /** Runs shorter than this are sorted by insertion before merging. */
  private static final int RUN = 32;

  private ScoreOrder() {}

  /** Positions {@code 0..n-1} in the order described above. */
  static int[] of(double[] score, long[] key, byte[] label, int n) {
    long[] sortKey = new long[n];
    int[] position = new int[n];
    for (int i = 0; i < n; i++) {
      sortKey[i] = sortable(score[i]);
      position[i] = i;
    }
    sort(sortKey, position);
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && sortKey[end] == sortKey[start]) {
        end++;
      }
      if (end - start > 1) {
        orderTies(position, start, end, key, label);
      }
      start = end;
    }
    return position;
  }

  /**
   * A long whose signed order is the numeric order of doubles, with -0.0 equal to 0.0 (NaN, refused before
   * this point, would sort last).
   */
  static long sortable(double x) {
    long bits = Double.doubleToLongBits(x + 0.0);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** Tied scores {@code position[start..end)}: by row key, equal keys by label. */
  private static void orderTies(int[] position, int start, int end, long[] key, byte[] label) {
    int m = end - start;
    long[] tieKey = new long[m];
    int[] tiePosition = new int[m];
    for (int i = 0; i < m; i++) {
      tiePosition[i] = position[start + i];
      tieKey[i] = key[tiePosition[i]];
    }
    sort(tieKey, tiePosition);
    // Equal keys (a 64-bit hash collision): by label, by insertion; such runs hold two rows at most in practice.
    for (int i = 1; i < m; i++) {
      int p = tiePosition[i];
      int j = i;
      while (j > 0 && tieKey[j - 1] == tieKey[i] && label[tiePosition[j - 1]] > label[p]) {
        tiePosition[j] = tiePosition[j - 1];
        j--;
      }
      tiePosition[j] = p;
    }
    System.arraycopy(tiePosition, 0, position, start, m);
  }

  /** Sorts {@code a} ascending (stable), moving {@code b}'s elements along. */
  static void sort(long[] a, int[] b) {
    int n = a.length;
    for (int lo = 0; lo < n; lo += RUN) {
      insertion(a, b, lo, Math.min(lo + RUN, n));
    }
    if (n <= RUN) {
      return;
    }
    long[] srcA = a;
    int[] srcB = b;
    long[] dstA = new long[n];
    int[] dstB = new int[n];
    for (int width = RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        merge(srcA, srcB, dstA, dstB, lo, mid, hi);
      }
      long[] ta = srcA;
      srcA = dstA;
      dstA = ta;
      int[] tb = srcB;
      srcB = dstB;
      dstB = tb;
    }
    if (srcA != a) {
      System.arraycopy(srcA, 0, a, 0, n);
      System.arraycopy(srcB, 0, b, 0, n);
    }
  }

  private static void insertion(long[] a, int[] b, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      long x = a[i];
      int y = b[i];
      int j = i;
      while (j > lo && a[j - 1] > x) {
        a[j] = a[j - 1];
        b[j] = b[j - 1];
        j--;
      }
      a[j] = x;
      b[j] = y;
    }
  }

  private static void merge(long[] a, int[] b, long[] toA, int[] toB, int lo, int mid, int hi) {
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      if (a[j] < a[i]) {
        toA[k] = a[j];
        toB[k++] = b[j++];
      } else {
        toA[k] = a[i];
        toB[k++] = b[i++];
      }
    }
    while (i < mid) {
      toA[k] = a[i];
      toB[k++] = b[i++];
    }
    while (j < hi) {
      toA[k] = a[j];
      toB[k++] = b[j++];
    }
  }
}
