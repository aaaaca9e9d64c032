package io.emrys.compute.standalone;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** The files of one standalone host in its work dir; the folder alone is enough to re-adopt it. */
record StandaloneHostFiles(Path root)
{
    /** The class the host JVM runs; also how a re-adopted pid is recognised. */
    static final String MAIN_CLASS = "io.emrys.agent.StandaloneHost";

    StandaloneHostFiles
    {
        root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** {"masterUrl":..,"masterWebUiPort":..}, written by the host once its worker has registered. */
    Path readyFile()
    {
        return root.resolve("standalone-ready.json");
    }

    /** The host's {@code spark.authenticate} secret, owner-only; written before the host starts. */
    Path authSecret()
    {
        return root.resolve("spark-auth.secret");
    }

    Path pidFile()
    {
        return root.resolve("standalone-host.pid");
    }

    Path stdout()
    {
        return root.resolve("stdout");
    }

    Path stderr()
    {
        return root.resolve("stderr");
    }

    Path tmp()
    {
        return root.resolve("tmp");
    }

    /** The Spark worker's work dir: one folder per application and executor, with the executor's stdout/stderr. */
    Path workerDir()
    {
        return root.resolve("worker");
    }
}
