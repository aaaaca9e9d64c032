/**
 * Spark runtimes: the release labels AWS ships ({@link io.emrys.compute.runtime.ReleaseCatalog}, read from
 * {@code release-labels.tsv}), the Spark lines this build serves ({@link io.emrys.compute.runtime.SparkLine}), an
 * operator's pins ({@link io.emrys.compute.runtime.ReleasePins}) and the runtime folders labels resolve to. Start at
 * {@link io.emrys.compute.runtime.RuntimeCatalog} (release label to {@link io.emrys.compute.runtime.SparkRuntime}).
 * {@link io.emrys.compute.runtime.RuntimeAssembler} assembles a runtime folder on demand from a
 * {@link io.emrys.compute.runtime.RuntimeRecipe} with Maven's resolver.
 * <p>Layering: may use only {@code error} (and the JDK) (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.runtime;
