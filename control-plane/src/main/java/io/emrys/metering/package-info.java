/**
 * Worker records and the metering rules. Start at {@link io.emrys.metering.Meter}: usage and billing (over time) and
 * the resources in use now are pure functions of {@link io.emrys.metering.WorkerRecord}s (a worker's
 * {@link io.emrys.common.WorkerType}, {@link io.emrys.common.WorkerSize} and life), which
 * {@link io.emrys.metering.WorkerDao} stores and {@link io.emrys.metering.WorkerRows} alone writes (inside a caller's
 * transaction or in one of its own). A pre-initialized worker taken by a run gets a second record from
 * {@link io.emrys.metering.WorkerRecord#handedTo}, so its idle time is never billed to the run.
 * <p>Layering: may use {@code store}, {@code error} and {@code common} only (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.metering;
