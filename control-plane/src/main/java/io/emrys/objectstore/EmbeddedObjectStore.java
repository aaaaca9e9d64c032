package io.emrys.objectstore;

import io.emrys.common.Credential;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The embedded S3-compatible endpoint: S3Proxy with its NIO filesystem blob store, serving the buckets under one
 * folder (each bucket a sub-folder, object metadata in extended attributes) on 127.0.0.1 only.
 *
 * <p>Requests must be signed with AWS Signature V4 (or V2, which old clients still use) for the single access key
 * given here, in any region; this store does no authorization of its own beyond that key.
 *
 * <p>Buckets are addressed path-style ({@code http://127.0.0.1:port/bucket/key}). Virtual-host style is not
 * offered: S3Proxy treats every Host header other than its one configured virtual host as a bucket name, which
 * would break path-style requests to the IP address that the AWS CLI, boto3 and S3A all send.
 *
 * <p>Thread safety: start, stop and the accessors may be called from any thread.
 */
public final class EmbeddedObjectStore
        implements AutoCloseable
{
    public static final String REGION = "us-east-1";
    private static final String LOOPBACK = "127.0.0.1";
    // The time a stop waits for in-flight requests (e.g. a large upload) before closing their connections.
    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Path dataDirectory;
    private final int requestedPort;
    private final String accessKeyId;
    private final String secretAccessKey;

    private S3Proxy proxy;
    private int boundPort = -1;

    /**
     * @param dataDirectory where the buckets live; created if missing
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     */
    public EmbeddedObjectStore(Path dataDirectory, int port, String accessKeyId, String secretAccessKey)
    {
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        this.requestedPort = port;
        this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId is null");
        this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("access key id and secret must not be empty");
        }
    }

    public EmbeddedObjectStore(Path dataDirectory, int port, Credential credential)
    {
        this(dataDirectory, port, credential.accessKeyId(), credential.secretAccessKey());
    }

    /**
     * Binds the port and starts serving. Fails if already started.
     *
     * @throws UncheckedIOException if the folder cannot be created or the port cannot be bound
     */
    public synchronized void start()
    {
        if (proxy != null) {
            throw new IllegalStateException("Object store already started on port " + boundPort);
        }
        try {
            Files.createDirectories(dataDirectory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the object store folder " + dataDirectory, e);
        }
        S3Proxy candidate = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDirectory.toString()))
                .endpoint(URI.create("http://" + LOOPBACK + ":" + requestedPort))
                // V2 or V4: SigV4 is what current clients send; V2 costs nothing and serves old tools.
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
                .stopTimeout(STOP_TIMEOUT_MILLIS)
                .build();
        try {
            candidate.start();
        }
        catch (IOException e) {
            stopQuietly(candidate, e);
            throw new UncheckedIOException("Cannot start the object store on " + LOOPBACK + ":" + requestedPort, e);
        }
        catch (Exception e) {
            stopQuietly(candidate, e);
            throw new IllegalStateException("Cannot start the object store on " + LOOPBACK + ":" + requestedPort, e);
        }
        proxy = candidate;
        boundPort = candidate.getPort();
    }

    /** The bound TCP port; only after {@link #start()}. */
    public synchronized int port()
    {
        if (proxy == null) {
            throw new IllegalStateException("Object store is not started");
        }
        return boundPort;
    }

    /** {@code http://127.0.0.1:<port>}; only after {@link #start()}. */
    public URI endpoint()
    {
        return URI.create("http://" + LOOPBACK + ":" + port());
    }

    /** The settings clients (the control plane, Spark's S3A) use to reach this store; only after {@link #start()}. */
    public ObjectStoreSettings settings()
    {
        return new ObjectStoreSettings(endpoint(), REGION, accessKeyId, secretAccessKey, true);
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /** Stops serving; the data stays in the folder. Does nothing if not started. */
    @Override
    public synchronized void close()
    {
        if (proxy == null) {
            return;
        }
        S3Proxy stopping = proxy;
        proxy = null;
        boundPort = -1;
        try {
            stopping.stop();
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot stop the object store", e);
        }
    }

    private static void stopQuietly(S3Proxy candidate, Exception failure)
    {
        try {
            candidate.stop();
        }
        catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
