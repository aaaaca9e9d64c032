package io.emrys.common;

import static java.util.Objects.requireNonNull;

/** An EMR Serverless application id ({@code ^[0-9a-z]+$}, 1 to 64 characters). */
public record ApplicationId(String value)
{
    public ApplicationId
    {
        requireNonNull(value, "value is null");
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            throw new IllegalArgumentException("not an application id: " + value);
        }
    }

    @Override
    public String toString()
    {
        return value;
    }
}
