/** Canonical model, storage, container contracts, options, session factory and manifests. */
package io.clinicalpipeline.common;
