package io.emrys.api.auth;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How the canonical URI is derived from the raw path exactly as the client sent it. The client's signer
 * builds its canonical URI from the path it puts on the wire, so starting from the raw path (never the
 * server's decoded path) reproduces it without decoding anything twice.
 */
public enum PathCanonicalization
{
    /**
     * Every service except S3: remove dot segments and empty segments, then percent-encode the wire path once
     * more (the "double encoding" of SigV4: {@code %2B} on the wire is {@code %252B} in the canonical URI).
     */
    NORMALIZE_AND_ENCODE,
    /** Encode once more as above but keep dot and empty segments (the test suite's "unnormalized" cases). */
    ENCODE_ONLY,
    /** S3: the wire path is already the once-encoded canonical URI. */
    AS_SENT;

    public static PathCanonicalization forService(String service)
    {
        return "s3".equals(service) || "s3-object-lambda".equals(service) ? AS_SENT : NORMALIZE_AND_ENCODE;
    }

    String canonicalUri(String rawPath)
    {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        return switch (this) {
            case NORMALIZE_AND_ENCODE -> UriEncoding.encode(removeDotSegments(path), true);
            case ENCODE_ONLY -> UriEncoding.encode(path, true);
            case AS_SENT -> path;
        };
    }

    /**
     * Drops empty and {@code .} segments and resolves {@code ..}, keeping a leading slash and a trailing slash
     * after a non-empty result, as the AWS signers do ({@code //a//} becomes {@code /a/}, {@code /a/b/..} becomes {@code /a}).
     */
    static String removeDotSegments(String path)
    {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            }
            else {
                segments.addLast(segment);
            }
        }
        StringBuilder out = new StringBuilder();
        if (path.startsWith("/")) {
            out.append('/');
        }
        out.append(String.join("/", segments));
        if (path.endsWith("/") && !segments.isEmpty()) {
            out.append('/');
        }
        return out.toString();
    }
}
