package io.emrys.server;

import static java.util.Objects.requireNonNull;

import io.emrys.common.AccountQuotas;
import io.emrys.compute.runtime.ReleasePins;
import io.emrys.objectstore.ObjectStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's settings. Defaults fit one small machine: everything on loopback, state under {@code ./.emrys}.
 *
 * @param dataDir where the database, object store data, run folders and AWS profile files live
 * @param apiPort the AWS API port (0 picks a free one, for tests); default {@value #DEFAULT_API_PORT}
 * @param objectStorePort the embedded S3 endpoint's port (0 picks a free one); default {@value #DEFAULT_OBJECT_STORE_PORT}
 * @param projectRoot the checkout whose {@code runtimes/} hold the assembled Spark runtimes
 * @param region the region in ARNs and the AWS profile
 * @param driverCores cores of a job's driver when the job does not set them (executors run inside it for now)
 * @param driverMemoryMb heap of a job's driver when the job does not set it
 * @param housekeepingInterval how often auto-stop and execution timeouts are checked
 * @param stopGrace how long a cancelled driver gets to stop after SIGTERM before it is killed
 * @param externalObjectStore an S3-compatible endpoint to use instead of the embedded object store
 * @param gatewayPort the Spark Connect gateway's port (0 picks a free one); default {@value #DEFAULT_GATEWAY_PORT}
 * @param gatewayTls whether the gateway speaks TLS (with a CA generated into {@code <data>/tls}); plaintext is for loopback use
 * @param releasePins labels the operator runs on another Spark version of their line than AWS ships
 * @param offline whether runtimes are assembled from the local Maven repository only
 * @param gatewayAddress the loopback address the gateway binds ({@code 127.0.0.1} by default)
 * @param iamFile IAM identities and policies to declare at every start (see {@code io.emrys.iam.IamDeclarations})
 * @param quotas the account-level limits ({@link AccountQuotas#DEFAULTS} unless the operator sets others)
 * @param executionRoleCredentials whether each run's and session's driver reaches the embedded object store as a session of
 *        its execution role (temporary {@code ASIA...} credentials, switched at a pre-initialized driver's handoff and
 *        renewed before they expire) rather than with the store's own key. On by default; ignored with an external
 *        store, whose keys are not Emrys's
 */
public record EmrysConfig(
        Path dataDir,
        int apiPort,
        int objectStorePort,
        Path projectRoot,
        String region,
        int driverCores,
        long driverMemoryMb,
        Duration housekeepingInterval,
        Duration stopGrace,
        Optional<ObjectStoreSettings> externalObjectStore,
        int gatewayPort,
        boolean gatewayTls,
        ReleasePins releasePins,
        boolean offline,
        String gatewayAddress,
        Optional<Path> iamFile,
        AccountQuotas quotas,
        boolean executionRoleCredentials)
{
    public static final int DEFAULT_API_PORT = 9700;
    public static final int DEFAULT_OBJECT_STORE_PORT = 9701;
    public static final int DEFAULT_GATEWAY_PORT = 9702;

    public EmrysConfig
    {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(projectRoot, "projectRoot is null");
        requireNonNull(region, "region is null");
        requireNonNull(housekeepingInterval, "housekeepingInterval is null");
        requireNonNull(stopGrace, "stopGrace is null");
        requireNonNull(externalObjectStore, "externalObjectStore is null");
        requireNonNull(releasePins, "releasePins is null");
        requireNonNull(gatewayAddress, "gatewayAddress is null");
        requireNonNull(iamFile, "iamFile is null");
        requireNonNull(quotas, "quotas is null");
        if (apiPort < 0 || apiPort > 65535 || objectStorePort < 0 || objectStorePort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535");
        }
        if (driverCores < 1 || driverMemoryMb < 512) {
            throw new IllegalArgumentException("a driver needs at least 1 core and 512 MB");
        }
    }

    /** With the default account quotas. */
    public EmrysConfig(Path dataDir, int apiPort, int objectStorePort, Path projectRoot, String region, int driverCores, long driverMemoryMb,
            Duration housekeepingInterval, Duration stopGrace, Optional<ObjectStoreSettings> externalObjectStore, int gatewayPort, boolean gatewayTls,
            ReleasePins releasePins, boolean offline, String gatewayAddress, Optional<Path> iamFile)
    {
        this(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace, externalObjectStore,
                gatewayPort, gatewayTls, releasePins, offline, gatewayAddress, iamFile, AccountQuotas.DEFAULTS, true);
    }

    public static EmrysConfig defaults(Path dataDir, Path projectRoot)
    {
        return new EmrysConfig(dataDir, DEFAULT_API_PORT, DEFAULT_OBJECT_STORE_PORT, projectRoot, "us-east-1", 2, 2048,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Optional.empty(), DEFAULT_GATEWAY_PORT, true, ReleasePins.NONE, false,
                io.emrys.gateway.GatewayConfig.DEFAULT_BIND_ADDRESS, Optional.empty());
    }

    public EmrysConfig withPorts(int api, int objectStore, int gateway)
    {
        return new EmrysConfig(dataDir, api, objectStore, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, gateway, gatewayTls, releasePins, offline, gatewayAddress, iamFile, quotas, executionRoleCredentials);
    }

    public EmrysConfig withGatewayTls(boolean tls)
    {
        return new EmrysConfig(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, gatewayPort, tls, releasePins, offline, gatewayAddress, iamFile, quotas, executionRoleCredentials);
    }

    public EmrysConfig withExternalObjectStore(ObjectStoreSettings settings)
    {
        return new EmrysConfig(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                Optional.of(settings), gatewayPort, gatewayTls, releasePins, offline, gatewayAddress, iamFile, quotas, executionRoleCredentials);
    }

    /** The gateway on {@code address} (a loopback IPv4 address) and {@code port}, such as 127.0.0.2 and 443. */
    public EmrysConfig withGatewayAddress(String address, int port)
    {
        return new EmrysConfig(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, port, gatewayTls, releasePins, offline, address, iamFile, quotas, executionRoleCredentials);
    }

    public EmrysConfig withDataDir(Path folder)
    {
        return new EmrysConfig(folder, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, gatewayPort, gatewayTls, releasePins, offline, gatewayAddress, iamFile, quotas, executionRoleCredentials);
    }

    public EmrysConfig withRuntimes(ReleasePins pins, boolean assembleOffline)
    {
        return new EmrysConfig(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, gatewayPort, gatewayTls, pins, assembleOffline, gatewayAddress, iamFile, quotas, executionRoleCredentials);
    }

    public EmrysConfig withIamFile(Path file)
    {
        return new EmrysConfig(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, gatewayPort, gatewayTls, releasePins, offline, gatewayAddress, Optional.of(file), quotas, executionRoleCredentials);
    }

    /** See {@code executionRoleCredentials}. */
    public EmrysConfig withExecutionRoleCredentials(boolean enabled)
    {
        return new EmrysConfig(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, gatewayPort, gatewayTls, releasePins, offline, gatewayAddress, iamFile, quotas, enabled);
    }

    public EmrysConfig withQuotas(AccountQuotas limits)
    {
        return new EmrysConfig(dataDir, apiPort, objectStorePort, projectRoot, region, driverCores, driverMemoryMb, housekeepingInterval, stopGrace,
                externalObjectStore, gatewayPort, gatewayTls, releasePins, offline, gatewayAddress, iamFile, limits, executionRoleCredentials);
    }
}
