/**
 * The end-to-end benchmark harness: one run measures Emrys against raw Spark on the same busy machine.
 *
 * <p>Start at {@link io.emrys.bench.BenchMain}: it starts the control plane as a child process
 * ({@link io.emrys.testing.EmrysProcess}, shared with the control plane's tests), times cold job runs against raw {@code SparkSubmit} runs
 * ({@link io.emrys.bench.ColdStartBenchmark}), drives GetJobRun at a fixed rate ({@link io.emrys.bench.OpenLoopLoad}),
 * times interactive sessions against raw Spark Connect servers and the gateway against a direct connection
 * ({@link io.emrys.bench.SessionBenchmarks}), times warm (pre-initialized) against cold against raw runs and samples
 * the server's process tree ({@link io.emrys.bench.CapacityBenchmarks}), times a small real job (CSV on {@code s3://},
 * aggregate, Parquet on {@code s3://}, read back and checked) on Emrys against raw Spark on the same object store
 * ({@link io.emrys.bench.RealJobPart}), times a PySpark job and the PySpark Connect client warm against cold against raw
 * {@code spark-submit} and a raw Spark Connect server ({@link io.emrys.bench.PySparkPart}), and writes a Markdown table
 * ({@link io.emrys.bench.MarkdownReport}).
 * Nothing here asserts timings.
 */
package io.emrys.bench;
