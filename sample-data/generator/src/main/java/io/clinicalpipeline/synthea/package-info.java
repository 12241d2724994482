/** Runs Synthea in its own JVM to make the sample data. */
package io.clinicalpipeline.synthea;
