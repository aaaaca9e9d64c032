package io.emrys.iam.policy;

import java.util.Optional;

/** The kinds of principal a Principal element names, by the key IAM uses for each. */
public enum PrincipalType
{
    /** Accounts, IAM users, roles and role sessions. */
    AWS("AWS"),
    /** AWS services, such as {@code emr-serverless.amazonaws.com}. */
    SERVICE("Service"),
    /** Web identity and SAML providers. */
    FEDERATED("Federated"),
    /** S3's canonical user ids; parsed so that bucket-style policies load, but no request principal has one. */
    CANONICAL_USER("CanonicalUser");

    private final String jsonName;

    PrincipalType(String jsonName)
    {
        this.jsonName = jsonName;
    }

    public String jsonName()
    {
        return jsonName;
    }

    static Optional<PrincipalType> fromJsonName(String name)
    {
        for (PrincipalType type : values()) {
            if (type.jsonName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
