package io.emrys.common;

import static java.util.Objects.requireNonNull;

/** An EMR Serverless job run id ({@code ^[0-9a-z]+$}, 1 to 64 characters). */
public record JobRunId(String value)
{
    public JobRunId
    {
        requireNonNull(value, "value is null");
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            throw new IllegalArgumentException("not a job run id: " + value);
        }
    }

    @Override
    public String toString()
    {
        return value;
    }
}
