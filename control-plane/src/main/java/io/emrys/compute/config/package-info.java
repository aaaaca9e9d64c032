/**
 * Spark configuration as the API gives it. Start at {@link io.emrys.compute.config.SparkConfiguration#merge}
 * (classifications, see {@link io.emrys.compute.config.ClassificationDocuments}) and
 * {@link io.emrys.compute.config.SparkSubmitParameters#parse}; {@link io.emrys.compute.config.MemorySize} is Spark's
 * memory notation, {@link io.emrys.compute.config.SparkJavaOptions} the JVM options every Spark JVM gets.
 * <p>Layering: may use only {@code error} (and the JDK) (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.config;
