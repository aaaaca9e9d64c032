package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One permission an S3 request needs, as AWS S3 names it for identity-based policies: the action, the resource's
 * ARN ({@code arn:aws:s3:::bucket}, {@code arn:aws:s3:::bucket/key} or {@code *}) and the request's S3 condition keys
 * ({@code s3:prefix}, ...).
 */
public record S3Permission(String action, String resource, Map<String, String> conditionKeys)
{
    public S3Permission
    {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        conditionKeys = Map.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
    }

    public static S3Permission onBucket(String action, String bucket)
    {
        return new S3Permission(action, "arn:aws:s3:::" + bucket, Map.of());
    }

    public static S3Permission onObject(String action, String bucket, String key)
    {
        return new S3Permission(action, "arn:aws:s3:::" + bucket + "/" + key, Map.of());
    }
}
