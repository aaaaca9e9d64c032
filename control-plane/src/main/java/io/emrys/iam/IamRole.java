package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An IAM role: assumed through STS by the principals its trust policy names (users, or a service such as
 * {@code emr-serverless.amazonaws.com} for a job's execution role), which then act with the role's policies.
 *
 * @param trustPolicy the assume-role policy document, as JSON text
 * @param maxSessionDuration the longest AssumeRole session, in seconds (3600 to 43200)
 */
public record IamRole(String roleName, String roleId, String path, String arn, String trustPolicy, Optional<String> description,
        int maxSessionDuration, List<IamTag> tags, Instant createDate)
{
    public IamRole
    {
        requireNonNull(roleName, "roleName is null");
        requireNonNull(roleId, "roleId is null");
        requireNonNull(path, "path is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(trustPolicy, "trustPolicy is null");
        requireNonNull(description, "description is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(createDate, "createDate is null");
    }
}
