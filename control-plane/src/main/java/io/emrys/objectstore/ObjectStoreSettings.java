package io.emrys.objectstore;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How to reach the S3 endpoint in use: the embedded store, or a real S3-compatible endpoint configured by the
 * operator. The control plane's own S3 client ({@link S3Clients}) and the S3A settings of every Spark driver and
 * executor ({@link #hadoopS3aProperties()}) are both derived from this one record, so they cannot disagree.
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}; scheme, host and port only
 * @param region the signing region, e.g. {@code us-east-1}
 * @param pathStyle true to address buckets as {@code http://host/bucket/key} rather than
 *         {@code http://bucket.host/key}; required for IP endpoints such as the embedded store
 */
public record ObjectStoreSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean pathStyle)
{
    public ObjectStoreSettings
    {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("endpoint must be an http or https URI: " + endpoint);
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint has no host: " + endpoint);
        }
    }

    public boolean secure()
    {
        return "https".equals(endpoint.getScheme());
    }

    /**
     * The Hadoop configuration that lets S3A reach this endpoint, for both {@code s3a://} and {@code s3://}
     * URIs. The keys are plain Hadoop keys; Spark callers prefix each with {@code spark.hadoop.}.
     *
     * <p>Checked against hadoop-aws 3.4.1 with AWS SDK 2.29.52 (the emr-spark-8.0 runtime) and the embedded store
     * (EmbeddedObjectStoreS3aIntegrationTest): put, multipart put through both the file upload and the block output
     * stream, list, read, ranged read, directory rename (multipart copy) and delete. Nothing beyond endpoint,
     * region, addressing and keys was needed: S3Proxy returns stable ETags (S3A's default change detection works),
     * accepts unsigned payloads and multipart copies, and SDK 2.29 does not yet send the aws-chunked CRC trailers
     * that some S3-compatible stores reject, so checksum and multipart sizes stay at Hadoop's defaults. The
     * local upload buffer ({@code fs.s3a.buffer.dir}) is per worker and left to the launcher.
     */
    public Map<String, String> hadoopS3aProperties()
    {
        Map<String, String> properties = new LinkedHashMap<>();
        // EMR users write s3:// (EMRFS); Hadoop has no s3 scheme of its own any more, so map it onto S3A.
        // The AbstractFileSystem entries serve the FileContext API (used by Structured Streaming checkpoints).
        properties.put("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        properties.put("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        properties.put("fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
        properties.put("fs.AbstractFileSystem.s3a.impl", "org.apache.hadoop.fs.s3a.S3A");

        properties.put("fs.s3a.endpoint", endpoint.toString());
        // With an explicit endpoint S3A cannot infer the signing region from the host name; without this it
        // probes us-east-2/us-west-2 style defaults and signs for the wrong region.
        properties.put("fs.s3a.endpoint.region", region);
        properties.put("fs.s3a.path.style.access", Boolean.toString(pathStyle));
        properties.put("fs.s3a.connection.ssl.enabled", Boolean.toString(secure()));
        // Only the static keys: the default provider chain would otherwise fall through to environment
        // variables and, on a miss, to the EC2 instance metadata service, which hangs for seconds off EC2.
        properties.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        properties.put("fs.s3a.access.key", accessKeyId);
        properties.put("fs.s3a.secret.key", secretAccessKey);
        return properties;
    }

    @Override
    public String toString()
    {
        // never print the secret
        return "ObjectStoreSettings[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId
                + ", pathStyle=" + pathStyle + "]";
    }
}
