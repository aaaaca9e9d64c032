package io.emrys.common;

import static java.util.Objects.requireNonNull;

/**
 * The account and region this Emrys instance serves; every ARN is built from it.
 *
 * @param accountId 12 digits
 * @param region e.g. {@code us-east-1}
 */
public record Account(String accountId, String region)
{
    public Account
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits: " + accountId);
        }
    }

    public String applicationArn(String applicationId)
    {
        return "arn:aws:emr-serverless:%s:%s:/applications/%s".formatted(region, accountId, applicationId);
    }

    public String jobRunArn(String applicationId, String jobRunId)
    {
        return applicationArn(applicationId) + "/jobruns/" + jobRunId;
    }

    public String rootArn()
    {
        return "arn:aws:iam::%s:root".formatted(accountId);
    }
}
