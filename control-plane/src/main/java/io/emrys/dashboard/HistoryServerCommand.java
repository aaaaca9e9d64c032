package io.emrys.dashboard;

import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.runtime.SparkRuntime;
import java.util.ArrayList;
import java.util.List;

/** The Spark History Server's command line; a pure function, so it is unit-tested without starting anything. */
final class HistoryServerCommand
{
    static final String MAIN_CLASS = "org.apache.spark.deploy.history.HistoryServer";

    private HistoryServerCommand() {}

    /** The server's command line: everything is a system property, because Spark's UI reads proxyBase from there. */
    static List<String> command(HistoryServerConfig config, SparkRuntime runtime, int port)
    {
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        command.add("-Xmx" + config.heap());
        command.add("-Djava.io.tmpdir=" + config.tmp());
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
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
