package io.clinicalpipeline.serve;

/** Parsed request rows: {@code count} rows of the model's width, row-major, NaN for a missing value. */
record Rows(float[] values, int count) {}
