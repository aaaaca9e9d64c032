/**
 * Pre-initialized capacity and scaling: how big each worker is and how much of an application's
 * {@code maximumCapacity} its drivers and executors may hold. Start at {@link io.emrys.pool.CapacityLedger} (the
 * rule "a driver reserves itself plus its executor ceiling when it starts; work that does not fit waits"), then
 * {@link io.emrys.pool.WorkerSizes} (where a worker's size comes from) and {@link io.emrys.pool.Capacity}.
 * Everything here is pure logic over values; nothing starts a process.
 */
package io.emrys.pool;
