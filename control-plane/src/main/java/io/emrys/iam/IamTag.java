package io.emrys.iam;

import static java.util.Objects.requireNonNull;

/** A tag on an IAM user, role or policy: key and value as the caller gave them. */
public record IamTag(String key, String value)
{
    public IamTag
    {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
