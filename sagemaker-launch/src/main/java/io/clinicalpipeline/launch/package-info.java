/** The clinical-pipeline command line, local runner and SageMaker launcher. */
package io.clinicalpipeline.launch;
