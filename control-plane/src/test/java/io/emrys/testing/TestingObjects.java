package io.emrys.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The object store as job-run tests use it: the test jobs jar uploaded, gzipped logs read as text, keys listed. */
public final class TestingObjects
{
    private TestingObjects() {}

    public static String gunzip(S3Client s3, String bucket, String key)
    {
        byte[] bytes = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads the test jobs jar to {@code s3://<bucket>/jars/test-jobs.jar}, where the job-run tests submit it from. */
    public static void uploadTestJobs(S3Client s3, String bucket)
    {
        s3.putObject(request -> request.bucket(bucket).key("jars/test-jobs.jar"), RequestBody.fromFile(TestingSparkArtifacts.testJobsJar()));
    }

    /** Uploads the test resources {@code <resourceFolder>/<name>} to {@code s3://<bucket>/<keyPrefix><name>}. */
    public static void uploadResources(S3Client s3, String bucket, String keyPrefix, String resourceFolder, List<String> names)
    {
        for (String name : names) {
            try (InputStream in = TestingObjects.class.getResourceAsStream(resourceFolder + "/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no test resource " + resourceFolder + "/" + name);
                }
                s3.putObject(request -> request.bucket(bucket).key(keyPrefix + name), RequestBody.fromBytes(in.readAllBytes()));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static List<String> keys(S3Client s3, String bucket, String prefix)
    {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }
}
