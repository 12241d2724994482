/** MEDS (Medical Event Data Standard): export of the de-identified layer, the schema checks, and MEDS as input. */
package io.clinicalpipeline.jobs.meds;
