package io.emrys.objectstore;

import io.emrys.error.EmrysException;

import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A bucket and an object key (or key prefix), parsed from the {@code s3://} and {@code s3a://} URIs that users
 * write in job parameters, log URIs and entry points. Both schemes name the same object: in Emrys both go
 * through Hadoop S3A.
 *
 * @param bucket the bucket name, checked against S3's naming rules
 * @param key the object key or prefix without a leading slash; empty for the bucket itself
 */
public record S3Location(String bucket, String key)
{
    // S3's rules for new buckets: 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a
    // letter or digit. Underscores and upper case are refused because virtual-host addressing cannot carry them.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Location
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw EmrysException.validation("Invalid bucket name '" + bucket
                    + "': expected 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit");
        }
        if (key.startsWith("/")) {
            throw EmrysException.validation("Invalid object key '" + key + "': a key must not start with '/'");
        }
    }

    /**
     * Parses {@code s3://bucket/key} or {@code s3a://bucket/key} (scheme case-insensitive). The key is taken
     * verbatim, not URL-decoded, because S3 keys may contain characters such as {@code %} and spaces that users
     * write unescaped.
     *
     * @throws EmrysException with {@link io.emrys.error.ErrorCode#VALIDATION} when the text is not such a URI
     */
    public static S3Location parse(String uri)
    {
        if (uri == null || uri.isBlank()) {
            throw EmrysException.validation("Invalid S3 URI: expected s3://bucket/key, got an empty value");
        }
        int schemeEnd = uri.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("s3") && !scheme.equals("s3a")) {
            throw EmrysException.validation("Invalid S3 URI '" + uri + "': expected the scheme s3:// or s3a://");
        }
        String rest = uri.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw EmrysException.validation("Invalid S3 URI '" + uri + "': the bucket name is missing");
        }
        if (key.startsWith("/")) {
            throw EmrysException.validation("Invalid S3 URI '" + uri + "': the key must not start with '/' (found '//')");
        }
        return new S3Location(bucket, key);
    }

    /** The location of {@code name} under this location, taken as a folder. */
    public S3Location resolve(String name)
    {
        requireNonNull(name, "name is null");
        if (key.isEmpty() || key.endsWith("/")) {
            return new S3Location(bucket, key + name);
        }
        return new S3Location(bucket, key + "/" + name);
    }

    /** The {@code s3://bucket/key} form. */
    @Override
    public String toString()
    {
        return "s3://" + bucket + "/" + key;
    }
}
