package io.emrys.compute.config;

import java.util.List;

/**
 * The JVM options Spark 4.0 needs on Java 17+, so that Spark's reflective access into the JDK works (our own
 * list, after Spark's {@code JavaModuleOptions}). Spark's launcher would add these; we start the driver JVM
 * without that launcher, so we add them ourselves. {@code --add-modules=jdk.incubator.vector} is left out on
 * purpose: it only speeds up some MLlib BLAS calls and makes every JVM print an incubator warning.
 */
public final class SparkJavaOptions
{
    public static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "--enable-native-access=ALL-UNNAMED");

    /** The class the driver JVM runs: SparkSubmit in client mode is the driver itself. */
    public static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";

    private SparkJavaOptions() {}
}
