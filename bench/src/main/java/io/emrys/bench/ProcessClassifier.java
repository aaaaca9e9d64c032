package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.connect.ConnectServerPlanner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells what a process of the control plane's tree is from its command line and working directory. The command line
 * names executors and the standalone host; a warm driver is a driver whose work dir (its working directory, or the
 * {@code java.io.tmpdir} the launcher puts inside it) lies under {@code <data>/pool/}. Processes that are not JVMs
 * (the launcher's {@code /bin/sh} wrappers) have no kind, and neither has a child with its parent's very command line:
 * a JVM that forked to start a program (Hadoop's shell calls in a driver) and has not exec'd it yet, not a JVM of its own.
 */
final class ProcessClassifier
{
    static final String STANDALONE_HOST_CLASS = "io.emrys.agent.StandaloneHost";
    static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    private static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";

    private final long controlPlanePid;
    private final String poolPrefix;

    /** @param dataDir the server's data folder as the processes see it (its real path) */
    ProcessClassifier(long controlPlanePid, Path dataDir)
    {
        this.controlPlanePid = controlPlanePid;
        this.poolPrefix = requireNonNull(dataDir, "dataDir is null").resolve("pool").toString() + "/";
    }

    /**
     * @param commandLine the process's arguments, the program first; empty when unreadable
     * @param parentCommandLine the parent's, the same way
     */
    Optional<ProcessKind> kind(long pid, List<String> commandLine, List<String> parentCommandLine, Optional<Path> workingDirectory)
    {
        if (pid == controlPlanePid) {
            return Optional.of(ProcessKind.CONTROL_PLANE);
        }
        if (commandLine.isEmpty() || !isJava(commandLine.get(0)) || commandLine.equals(parentCommandLine)) {
            return Optional.empty();
        }
        if (commandLine.contains(EXECUTOR_CLASS)) {
            return Optional.of(ProcessKind.EXECUTOR);
        }
        if (commandLine.contains(STANDALONE_HOST_CLASS)) {
            return Optional.of(ProcessKind.STANDALONE_HOST);
        }
        boolean inPool = workingDirectory.map(dir -> (dir.toString() + "/").startsWith(poolPrefix)).orElse(false)
                || commandLine.stream().anyMatch(argument -> argument.contains(poolPrefix));
        if (inPool) {
            return Optional.of(ProcessKind.WARM_DRIVER);
        }
        if (commandLine.contains(ConnectServerPlanner.SERVER_CLASS)) {
            return Optional.of(ProcessKind.CONNECT_DRIVER);
        }
        if (commandLine.contains(SPARK_SUBMIT_CLASS)) {
            return Optional.of(ProcessKind.JOB_DRIVER);
        }
        return Optional.of(ProcessKind.OTHER_JVM);
    }

    private static boolean isJava(String program)
    {
        return program.equals("java") || program.endsWith("/java");
    }
}
