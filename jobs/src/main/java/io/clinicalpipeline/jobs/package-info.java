/** The Spark jobs, one package per capability. */
package io.clinicalpipeline.jobs;
