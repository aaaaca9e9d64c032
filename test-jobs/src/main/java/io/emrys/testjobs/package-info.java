/**
 * Small Spark applications that the integration tests and benchmarks submit as job runs. Start at
 * {@link io.emrys.testjobs.Trivial}; each class is a {@code main} that spark-submit (or an Emrys driver) runs.
 */
package io.emrys.testjobs;
