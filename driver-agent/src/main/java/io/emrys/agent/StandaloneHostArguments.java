package io.emrys.agent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The command line of {@link StandaloneHost}: {@code --work-dir D --cores C --memory-mb M}.
 *
 * @param workDir the host's folder: the secret file, the ready file, and the worker's work dir {@code worker/} with executor logs
 * @param cores the cores the worker offers to executors
 * @param memoryMb the memory (MiB) the worker offers to executors
 */
record StandaloneHostArguments(Path workDir, int cores, int memoryMb)
{
    private static final List<String> NAMES = List.of("--work-dir", "--cores", "--memory-mb");

    StandaloneHostArguments
    {
        workDir = requireNonNull(workDir, "workDir is null").toAbsolutePath().normalize();
        if (cores <= 0) {
            throw new IllegalArgumentException("--cores must be positive: " + cores);
        }
        if (memoryMb <= 0) {
            throw new IllegalArgumentException("--memory-mb must be positive: " + memoryMb);
        }
    }

    static StandaloneHostArguments parse(String[] args)
    {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!NAMES.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: StandaloneHost --work-dir D --cores C --memory-mb M (bad argument: " + args[i] + ")");
            }
            values.put(args[i], args[i + 1]);
        }
        for (String name : NAMES) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("Usage: StandaloneHost --work-dir D --cores C --memory-mb M (missing " + name + ")");
            }
        }
        return new StandaloneHostArguments(Path.of(values.get("--work-dir")), parseInt(values, "--cores"), parseInt(values, "--memory-mb"));
    }

    Path workerDir()
    {
        return workDir.resolve("worker");
    }

    /** The {@code spark.authenticate} secret the control plane wrote (owner-only) before starting the host. */
    Path authSecretFile()
    {
        return workDir.resolve("spark-auth.secret");
    }

    Path readyFile()
    {
        return workDir.resolve("standalone-ready.json");
    }

    private static int parseInt(Map<String, String> values, String name)
    {
        try {
            return Integer.parseInt(values.get(name));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer: " + values.get(name), e);
        }
    }
}
