package io.emrys.common;

import java.util.List;
import java.util.Optional;

/**
 * The execution roles work runs with, as EMR Serverless uses them: the role a StartJobRun or StartSession names must
 * be one the service may assume, and each run and session then acts as a session of that role. The port the
 * job-run and session drivers use; IAM implements it.
 */
public interface ExecutionRoles
{
    /** The service principal that assumes execution roles, as a role's trust policy names it. */
    String SERVICE_PRINCIPAL = "emr-serverless.amazonaws.com";

    /**
     * Checks that {@code roleArn} names a role of this account whose trust policy allows {@link #SERVICE_PRINCIPAL}
     * to {@code sts:AssumeRole}.
     *
     * @throws io.emrys.error.EmrysException VALIDATION naming the role and what is wrong with it
     */
    void requireAssumable(String roleArn);

    /**
     * The session policy an execution IAM policy ({@code executionIamPolicy}: an inline policy and managed policy ARNs)
     * amounts to: one document holding every statement of them, which the session's requests must also be allowed
     * by; empty when the execution IAM policy names nothing.
     *
     * @throws io.emrys.error.EmrysException VALIDATION for a malformed policy or an ARN that names no managed policy
     */
    Optional<String> sessionPolicy(Optional<String> policy, List<String> policyArns);

    /**
     * Assumes the role as the service does for one run or session: temporary credentials for the role's maximum
     * session duration, narrowed by {@code sessionPolicy}.
     *
     * @param sessionName the role session's name (the job run or session id), in its ARN {@code assumed-role/ROLE/NAME}
     */
    TemporaryCredentials assume(String roleArn, String sessionName, Optional<String> sessionPolicy);
}
