/**
 * Worker records and the metering rules. Start at {@link io.emrys.metering.Meter}: usage and billing are pure
 * functions of {@link io.emrys.metering.WorkerRecord}s, which {@link io.emrys.metering.WorkerDao} stores.
 */
package io.emrys.metering;
