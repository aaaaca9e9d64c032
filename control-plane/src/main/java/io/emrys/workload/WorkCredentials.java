package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ExecutionRoles;
import io.emrys.common.TemporaryCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object-store identity of a run's or a session's driver and its executors: a session of the work's execution
 * role, assumed at launch as EMR Serverless does, handed to S3A as temporary credentials. The caller who started the
 * work stays its {@code createdBy}; only what the driver does in S3 is done as the role.
 *
 * <p>{@code roleSessions} is false with an operator's external store (its keys are not Emrys's) and, by default, with the
 * embedded one too, as role sessions reach cold drivers only ({@link #whyCold()}); drivers then keep the store's
 * settings: the role is still checked at submission, but not assumed. The credentials last the role's maximum session
 * duration and are not renewed.
 */
public final class WorkCredentials
{
    /** Hadoop's provider for an access key, secret and session token given in the configuration. */
    public static final String TEMPORARY_PROVIDER = "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider";

    private final ExecutionRoles roles;
    private final boolean roleSessions;

    public WorkCredentials(ExecutionRoles roles, boolean roleSessions)
    {
        this.roles = requireNonNull(roles, "roles is null");
        this.roleSessions = roleSessions;
    }

    /**
     * Why work must start on a cold driver when it runs as a role session: a pre-initialized driver and its executors
     * started before the work existed, with the store's settings in their Hadoop configuration, and S3A keeps the
     * credentials provider of its first file system for the JVM's life, so the role's session could not reach them.
     */
    public Optional<String> whyCold()
    {
        return roleSessions
                ? Optional.of("its execution role's credentials are given to a driver when it starts, and pre-initialized drivers start before any run")
                : Optional.empty();
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
     * The S3A settings (Hadoop keys, no {@code spark.hadoop.} prefix) that replace the store's credentials for one
     * piece of work: a fresh session of its role for the role's maximum session duration; none when role sessions
     * are off.
     *
     * @param sessionName the role session's name, such as the job run id and attempt
     */
    public Map<String, String> hadoopS3a(String roleArn, String sessionName, Optional<String> policy, List<String> policyArns)
    {
        if (!roleSessions) {
            return Map.of();
        }
        TemporaryCredentials credentials = roles.assume(roleArn, sessionName, roles.sessionPolicy(policy, policyArns));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("fs.s3a.aws.credentials.provider", TEMPORARY_PROVIDER);
        properties.put("fs.s3a.access.key", credentials.accessKeyId());
        properties.put("fs.s3a.secret.key", credentials.secretAccessKey());
        properties.put("fs.s3a.session.token", credentials.sessionToken());
        return properties;
    }
}
