package io.emrys.testing;

import io.emrys.iam.IamModule;
import io.emrys.iam.PrincipalKind;
import java.util.List;
import java.util.Optional;

/**
 * The standard execution role of a test server: {@value #STANDARD_ROLE}, trusted by {@code emr-serverless.amazonaws.com}
 * and allowed {@code s3:*} on everything, as the README's quick start has a user create it. Its ARN depends on the
 * server's account id, which is random per data folder, so tests take it from the harness
 * ({@link TestingEmrys#executionRoleArn()}, {@link EmrysProcess#executionRoleArn()}).
 */
public final class TestingRoles
{
    public static final String STANDARD_ROLE = "emrys-job-role";

    /** The trust policy that lets EMR Serverless assume a role. */
    public static final String SERVICE_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "emr-serverless.amazonaws.com"},
             "Action": "sts:AssumeRole"}]}""";

    public static final String S3_EVERYTHING = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}""";

    private TestingRoles() {}

    public static String roleArn(String accountId, String roleName)
    {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
    }

    /**
     * The role's ARN, creating it as {@link #create} does unless the server already has it: a test that restarts a
     * server on the same data folder finds the role the first start made.
     */
    public static String ensure(IamModule iam, String roleName, String trustPolicy, String inlinePolicy)
    {
        boolean exists = iam.roles().list(Optional.empty()).stream().anyMatch(role -> role.roleName().equals(roleName));
        return exists ? iam.roles().get(roleName).arn() : create(iam, roleName, trustPolicy, inlinePolicy);
    }

    /** Creates a role with {@code trustPolicy} and one inline policy on an in-process server; returns its ARN. */
    public static String create(IamModule iam, String roleName, String trustPolicy, String inlinePolicy)
    {
        String arn = iam.roles().create(roleName, Optional.empty(), trustPolicy, Optional.of("Emrys test execution role"), Optional.empty(), List.of()).arn();
        iam.principalPolicies().putInline(PrincipalKind.ROLE, roleName, "s3-access", inlinePolicy);
        return arn;
    }
}
