package io.emrys.objectstore;

import io.emrys.common.Caller;
import io.emrys.common.Credential;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The embedded S3-compatible endpoint: S3Proxy with its NIO filesystem blob store, serving the buckets under one
 * folder (each bucket a sub-folder, object metadata in extended attributes) on 127.0.0.1 only.
 *
 * <p>Requests must be signed with AWS Signature V4 (or V2, which old clients still use), in any region, by a key that
 * {@link ObjectStoreAccess} knows: the account's root key, an IAM user's active key, or a role session's temporary key
 * with its session token until it expires. Each request is then authorized as the S3 action AWS uses for it
 * ({@link S3Actions}) against the caller's IAM policies, before the blob store does anything; denials are audited. The
 * key passed as {@code accessKeyId}/{@code secretAccessKey} is the one {@link #settings()} hands the control plane and,
 * for now, the drivers.
 *
 * <p>How it hooks into S3Proxy 4.1.0: its {@code BlobStoreLocator} maps each request's key id to the secret S3Proxy
 * verifies the signature with and to a blob store bound to that caller ({@link IdentityLocator}); a Jetty handler in
 * front of S3Proxy's servlet reads what the locator is not given (method, query, session token, peer address:
 * {@link RequestScopes}). S3Proxy keeps its Jetty server private, so that handler is installed through reflection on
 * its {@code server} field, checked at start: an S3Proxy upgrade that renames it fails {@link #start()} outright, never
 * silently without authorization.
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
    private final ObjectStoreAccess access;

    private S3Proxy proxy;
    private int boundPort = -1;

    /**
     * @param dataDirectory where the buckets live; created if missing
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     */
    public EmbeddedObjectStore(Path dataDirectory, int port, String accessKeyId, String secretAccessKey)
    {
        this(dataDirectory, port, new Credential(accessKeyId, secretAccessKey, new Caller("000000000000", "arn:aws:iam::000000000000:root", accessKeyId)),
                Optional.empty());
    }

    /** A store of one key, which may do anything ({@link ObjectStoreAccess#singleKey}). */
    public EmbeddedObjectStore(Path dataDirectory, int port, Credential credential)
    {
        this(dataDirectory, port, credential, Optional.empty());
    }

    /**
     * @param clientKey the key {@link #settings()} names (the account's root key in a server); {@code access} must know it
     * @param access every key the store accepts and what each may do
     */
    public EmbeddedObjectStore(Path dataDirectory, int port, Credential clientKey, ObjectStoreAccess access)
    {
        this(dataDirectory, port, clientKey, Optional.of(access));
    }

    private EmbeddedObjectStore(Path dataDirectory, int port, Credential clientKey, Optional<ObjectStoreAccess> access)
    {
        String accessKeyId = clientKey.accessKeyId();
        String secretAccessKey = clientKey.secretAccessKey();
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
        this.access = access.orElseGet(() -> ObjectStoreAccess.singleKey(clientKey));
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
        BlobStore blobStore = new FilesystemNio2BlobStore(dataDirectory.toString());
        S3Proxy candidate = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + LOOPBACK + ":" + requestedPort))
                // V2 or V4: SigV4 is what current clients send; V2 costs nothing and serves old tools. The key given
                // here is replaced by the locator below, which knows every key.
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
                // S3Proxy answers NotImplemented to any x-amz- header it does not know, and x-amz-security-token is one:
                // session requests would never get through. IdentityLocator checks the token and makes S3Proxy's
                // header check itself, with S3Proxy's list (SupportedHeaders).
                .ignoreUnknownHeaders(true)
                .stopTimeout(STOP_TIMEOUT_MILLIS)
                .build();
        RequestScopes scopes = new RequestScopes();
        candidate.setBlobStoreLocator(new IdentityLocator(blobStore, access, scopes, SupportedHeaders.ofS3Proxy()));
        Server jetty = jettyOf(candidate);
        jetty.setHandler(scopes.handlerAround(jetty.getHandler()));
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

    private static Server jettyOf(S3Proxy proxy)
    {
        try {
            Field server = S3Proxy.class.getDeclaredField("server");
            server.setAccessible(true);
            return (Server) server.get(proxy);
        }
        catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("This S3Proxy has no Jetty server field to put authorization in front of; "
                    + "EmbeddedObjectStore is written for S3Proxy 4.1.0", e);
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
