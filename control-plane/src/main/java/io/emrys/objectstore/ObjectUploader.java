package io.emrys.objectstore;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Puts local files into the object store; the control plane uses it to publish gzipped driver and executor
 * logs under a run's log URI. Files go up in one PUT: logs are far below S3's 5 GiB single-request limit. It also
 * fetches the small objects the control plane itself runs (an EMR cluster's bootstrap scripts).
 */
public final class ObjectUploader
{
    private final S3Client client;

    public ObjectUploader(S3Client client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /**
     * Uploads {@code file} to {@code target}, replacing any object there.
     *
     * @return the ETag S3 assigned to the new object
     */
    public String putFile(Path file, S3Location target)
    {
        requireNonNull(file, "file is null");
        requireNonNull(target, "target is null");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Not a regular file: " + file);
        }
        if (target.key().isEmpty() || target.key().endsWith("/")) {
            throw new IllegalArgumentException("Target must name an object, not a folder: " + target);
        }
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(target.bucket())
                .key(target.key())
                .contentType(contentType(file))
                .build();
        return client.putObject(request, RequestBody.fromFile(file)).eTag();
    }

    /** Writes the object at {@code source} to {@code target}, replacing it; S3's error (NoSuchKey, AccessDenied) when it cannot be read. */
    public void download(S3Location source, Path target)
    {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        client.getObject(GetObjectRequest.builder().bucket(source.bucket()).key(source.key()).build(),
                ResponseTransformer.toFile(target));
    }

    private static String contentType(Path file)
    {
        // Deliberately no Content-Encoding: gzip for .gz files: browsers and some clients would then unpack the
        // object on download, and EMR serves its stdout.gz logs as gzip files too.
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return "application/gzip";
        }
        if (name.endsWith(".txt") || name.endsWith(".log") || name.equals("stdout") || name.equals("stderr")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
