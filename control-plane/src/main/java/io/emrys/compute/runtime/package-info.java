/**
 * Spark runtimes: the release labels AWS ships ({@link io.emrys.compute.runtime.ReleaseCatalog}, read from
 * {@code release-labels.tsv}), the Spark lines this build serves ({@link io.emrys.compute.runtime.SparkLine}), an
 * operator's pins ({@link io.emrys.compute.runtime.ReleasePins}) and the runtime folders labels resolve to. Start at
 * {@link io.emrys.compute.runtime.RuntimeCatalog} (release label to {@link io.emrys.compute.runtime.SparkRuntime}).
 * {@link io.emrys.compute.runtime.RuntimeAssembler} assembles a runtime folder on demand from a
 * {@link io.emrys.compute.runtime.RuntimeRecipe}: Spark's distribution from the pyspark sdist on PyPI
 * ({@code PySparkDistribution}) and what it lacks with Maven's resolver, as the prebuilt runtimes' POMs do.
 * <p>Layering: may use only {@code error} (and the JDK) (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.runtime;
