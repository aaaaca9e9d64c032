package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ExecutionRoles;
import io.emrys.compute.config.S3CredentialsFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The object-store identity of a run's or a session's driver and its executors: a session of the work's execution
 * role, assumed as EMR Serverless does, handed to S3A through the driver's credentials file
 * ({@link S3CredentialsFile}). The caller who started the work stays its {@code createdBy}; only what the driver
 * does in S3 is done as the role.
 *
 * <p>A cold driver's file holds the role's session before the driver starts; a pre-initialized driver's holds the
 * store's own keys for its warm-up and is replaced with the role's session at the handoff, before the work is handed
 * over ({@link #roleSession}). Either way the session is renewed before it expires for as long as the driver lives.
 *
 * <p>{@code roleSessions} is false with an operator's external store (its keys are not Emrys's) and when the server
 * was started without {@code --execution-role-credentials}; drivers then keep the store's settings: the role is still
 * checked at submission, but not assumed.
 */
public final class WorkCredentials
{
    private final ExecutionRoles roles;
    private final boolean roleSessions;
    private final ScheduledExecutorService renewals;
    private final Clock clock;

    /** @param renewals runs the renewals of role sessions; owned by the caller */
    public WorkCredentials(ExecutionRoles roles, boolean roleSessions, ScheduledExecutorService renewals, Clock clock)
    {
        this.roles = requireNonNull(roles, "roles is null");
        this.roleSessions = roleSessions;
        this.renewals = requireNonNull(renewals, "renewals is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Checks a submission's execution role and execution IAM policy before anything is stored.
     *
     * @throws io.emrys.error.EmrysException VALIDATION for a role the service may not assume or a malformed policy
     */
    public void validate(String roleArn, Optional<String> policy, List<String> policyArns)
    {
        roles.requireAssumable(roleArn);
        roles.sessionPolicy(policy, policyArns);
    }

    /**
     * The S3A settings (Hadoop keys, no {@code spark.hadoop.} prefix) of a driver whose work dir is {@code workDir}:
     * the store's, reading their keys from the driver's credentials file when role sessions are on. Writes nothing;
     * the file is written by {@link #roleSession} or {@link #storeKeys} before the driver needs it.
     */
    public Map<String, String> driverS3a(Map<String, String> store, Path workDir)
    {
        return roleSessions ? S3CredentialsFile.hadoopSettings(store, file(workDir)) : store;
    }

    /**
     * Writes the store's own keys to a pre-initialized driver's credentials file, for its warm-up, when role sessions
     * are on; its work's role session replaces them at the handoff.
     */
    public void storeKeys(Map<String, String> store, Path workDir)
    {
        if (roleSessions) {
            RoleSessionFile.writeStatic(file(workDir), requireNonNull(store.get("fs.s3a.access.key"), "the store has no access key"),
                    requireNonNull(store.get("fs.s3a.secret.key"), "the store has no secret key"));
        }
    }

    /**
     * Assumes the work's role and writes the session to the credentials file of the driver in {@code workDir} (a cold
     * driver about to start, or a warm driver about to be handed the work); the caller starts its renewal with
     * {@link RoleSessionFile#renewUntil} once the driver runs. Empty when role sessions are off.
     *
     * @param sessionName the role session's name, such as the job run id and attempt
     * @throws io.emrys.error.EmrysException when the role can no longer be assumed
     */
    public Optional<RoleSessionFile> roleSession(Path workDir, String roleArn, String sessionName, Optional<String> policy, List<String> policyArns)
    {
        if (!roleSessions) {
            return Optional.empty();
        }
        Optional<String> sessionPolicy = roles.sessionPolicy(policy, policyArns);
        return Optional.of(RoleSessionFile.write(file(workDir), () -> roles.assume(roleArn, sessionName, sessionPolicy), renewals, clock));
    }

    private static Path file(Path workDir)
    {
        return workDir.resolve(S3CredentialsFile.FILE_NAME);
    }
}
