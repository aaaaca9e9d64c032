package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import io.emrys.api.auth.SignatureCalculator;
import io.emrys.common.Credential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStoreLocator;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy's hook for many identities. S3Proxy calls it with the access key id of each signed request, before it checks
 * the signature, and verifies the signature (V2 or V4) with the secret returned here; the blob store returned serves
 * that one request and authorizes it ({@link AuthorizingBlobStore}) when S3Proxy first uses it, which is only after
 * the signature has been verified.
 *
 * <p>Temporary credentials: S3Proxy neither reads {@code x-amz-security-token} nor hands it to a locator (it gets the
 * key id, bucket and key only), so the token comes from the request read in front of S3Proxy ({@link RequestScopes}):
 * a temporary key is accepted only with the token issued with it and before its expiration (ExpiredToken after), a
 * long-term key only without one. The token header is covered by the signature when the client signed it, as the AWS
 * SDKs, botocore and S3A do.
 */
final class IdentityLocator
        implements BlobStoreLocator
{
    private static final Logger log = LoggerFactory.getLogger(IdentityLocator.class);

    private final BlobStore blobStore;
    private final ObjectStoreAccess access;
    private final RequestScopes scopes;
    private final SupportedHeaders headers;

    IdentityLocator(BlobStore blobStore, ObjectStoreAccess access, RequestScopes scopes, SupportedHeaders headers)
    {
        this.blobStore = requireNonNull(blobStore, "blobStore is null");
        this.access = requireNonNull(access, "access is null");
        this.scopes = requireNonNull(scopes, "scopes is null");
        this.headers = requireNonNull(headers, "headers is null");
    }

    @Override
    public AccessGrant locateBlobStore(String identity, String container, String blob)
    {
        if (identity == null) {
            // an anonymous request: S3Proxy serves it from its default store by the buckets' ACLs, never through here
            return null;
        }
        Optional<RequestScope> scope = scopes.current();
        if (scope.isEmpty()) {
            // every request passes RequestScopes first; without it there is nothing to authorize against, so refuse
            log.error("No request scope on {} for {}; refusing", Thread.currentThread().getName(), identity);
            throw S3Errors.accessDenied();
        }
        // where S3Proxy itself would have refused it, before looking at the key
        Optional<String> unsupported = headers.firstUnsupported(scope.get().amzHeaderNames());
        if (unsupported.isPresent()) {
            log.debug("Unsupported header {} in {} {}", unsupported.get(), scope.get().request().method(), scope.get().request().bucket());
            scope.get().refusing().run();
            throw new S3ProxyException(S3ErrorCode.NOT_IMPLEMENTED);
        }
        // looked up per request: a key deleted or deactivated a moment ago is unknown now
        Optional<Credential> found = access.credentials().find(identity);
        if (found.isEmpty()) {
            return null;
        }
        Credential credential = found.get();
        try {
            checkSessionToken(credential, scope.get().request().sessionToken());
        }
        catch (RuntimeException e) {
            scope.get().refusing().run();
            throw e;
        }
        return new AccessGrant(credential.secretAccessKey(), AuthorizingBlobStore.bind(blobStore, new RequestGuard(credential.caller(), scope.get(), access)));
    }

    private void checkSessionToken(Credential credential, Optional<String> sent)
    {
        if (credential.sessionTokenSha256().isEmpty()) {
            if (sent.isPresent()) {
                throw S3Errors.invalidToken();
            }
            return;
        }
        if (sent.isEmpty()) {
            // S3 does not know an ASIA key id that comes without its token
            throw S3Errors.invalidAccessKeyId();
        }
        byte[] expected = credential.sessionTokenSha256().get().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = SignatureCalculator.sha256Hex(sent.get().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw S3Errors.invalidToken();
        }
        if (!access.clock().instant().isBefore(credential.expiration().orElseThrow())) {
            throw S3Errors.expiredToken();
        }
    }
}
