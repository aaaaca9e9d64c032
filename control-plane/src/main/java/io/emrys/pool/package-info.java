/**
 * Pre-initialized capacity and scaling. Start at {@link io.emrys.pool.ComputePools}: per application a Spark
 * standalone host (master and worker in one JVM), warm drivers kept per {@code initialCapacity} and handed to jobs
 * and sessions ({@link io.emrys.pool.ComputePools#takeWarm}), cold drivers placed on the host with an executor
 * ceiling ({@link io.emrys.pool.ComputePools#reserveCold}), and executor worker records read from the driver
 * agent's events ({@link io.emrys.pool.ExecutorRecorder}). The rules are pure values:
 * {@link io.emrys.pool.CapacityLedger} ("a driver reserves itself plus its executor ceiling when it starts; work
 * that does not fit waits"), {@link io.emrys.pool.WorkerSizes} (where a worker's size comes from) and
 * {@link io.emrys.pool.Capacity}.
 */
package io.emrys.pool;
