package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gaul.s3proxy.S3ProxyHandler;

/**
 * The {@code x-amz-} request headers S3Proxy implements, so that the store still answers NotImplemented to the others
 * (x-amz-tagging, object lock, ...) rather than ignoring them. S3Proxy makes that check itself only when it refuses
 * every unknown header, and x-amz-security-token is unknown to it; the store therefore turns S3Proxy's check off and
 * makes it here, with S3Proxy's own list (read from its handler, so an upgrade cannot make the two disagree) plus the
 * session token.
 */
final class SupportedHeaders
{
    private static final String USER_METADATA_PREFIX = "x-amz-meta-";
    private static final String SESSION_TOKEN = "x-amz-security-token";

    private final Set<String> supported;

    SupportedHeaders(Set<String> supported)
    {
        this.supported = Set.copyOf(requireNonNull(supported, "supported is null"));
    }

    /** S3Proxy 4.1.0's list; fails if the handler no longer has it. */
    static SupportedHeaders ofS3Proxy()
    {
        try {
            Field field = S3ProxyHandler.class.getDeclaredField("SUPPORTED_X_AMZ_HEADERS");
            field.setAccessible(true);
            Set<?> names = (Set<?>) field.get(null);
            return new SupportedHeaders(names.stream().map(String.class::cast).collect(Collectors.toSet()));
        }
        catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("This S3Proxy has no list of supported x-amz- headers; EmbeddedObjectStore is written for S3Proxy 4.1.0", e);
        }
    }

    /** The first of these lower-case header names that the store does not implement. */
    Optional<String> firstUnsupported(Collection<String> amzHeaderNames)
    {
        return amzHeaderNames.stream()
                .filter(name -> !name.startsWith(USER_METADATA_PREFIX) && !name.equals(SESSION_TOKEN) && !supported.contains(name))
                .findFirst();
    }
}
