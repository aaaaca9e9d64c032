/**
 * Small values shared by every resource package: the {@link io.emrys.common.Account} that ARNs are built from,
 * id generation, pagination tokens, request fingerprints, helpers for JSON documents, and a worker's role and size
 * ({@link io.emrys.common.WorkerType}, {@link io.emrys.common.WorkerSize}), and the typed resource ids
 * ({@link io.emrys.common.ApplicationId}, {@link io.emrys.common.JobRunId}, {@link io.emrys.common.SessionId}), here so that
 * the layers below the services (workload, pool, compute, metering) name work by them rather than by strings.
 * <p>Layering: may use only {@code error}: every layer uses it.
 */
package io.emrys.common;
