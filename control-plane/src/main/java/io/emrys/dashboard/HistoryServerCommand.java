package io.emrys.dashboard;

import io.emrys.compute.SparkRuntime;

import java.util.ArrayList;
import java.util.List;

/** The Spark History Server's command line; a pure function, so it is unit-tested without starting anything. */
final class HistoryServerCommand
{
    static final String MAIN_CLASS = "org.apache.spark.deploy.history.HistoryServer";

    /**
     * The JVM options Spark 4.0 needs on Java 17+. The same list as drivers get from
     * {@code io.emrys.compute.SparkJavaOptions}, which is package-private there; keep the two in step.
     */
    static final List<String> MODULE_OPTIONS = List.of(
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

    private HistoryServerCommand() {}

    /** The server's command line: everything is a system property, because Spark's UI reads proxyBase from there. */
    static List<String> command(HistoryServerConfig config, SparkRuntime runtime, int port)
    {
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        command.add("-Xmx" + config.heap());
        command.add("-Djava.io.tmpdir=" + config.tmp());
        command.addAll(MODULE_OPTIONS);
        command.add("-Dspark.history.fs.logDirectory=" + config.eventLogDirectoryUri());
        command.add("-Dspark.history.fs.update.interval=" + config.updateInterval().toMillis() + "ms");
        command.add("-Dspark.history.ui.port=" + port);
        // A taken port must fail the start (and be retried on the next request), not silently move to port + 1.
        command.add("-Dspark.port.maxRetries=0");
        command.add("-Dspark.ui.proxyBase=" + DashboardService.proxyBase(DashboardPath.HISTORY_TARGET));
        command.add("-cp");
        command.add(runtime.classPathWildcard());
        command.add(MAIN_CLASS);
        return command;
    }
}
