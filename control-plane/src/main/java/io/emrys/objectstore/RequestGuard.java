package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import io.emrys.audit.AuditEvent;
import io.emrys.common.Caller;
import io.emrys.iam.policy.Decision;
import java.util.Optional;

/**
 * Authorizes one authenticated request for its caller: every permission the request needs must be allowed, or the
 * request fails with AccessDenied before the blob store does anything, and the denial is recorded in the audit trail.
 * Allowed requests are not audited: object reads and writes are the store's bulk traffic (S3's data events, which
 * CloudTrail too records only on request).
 *
 * <p>Thread safety: one guard serves one request, on the thread S3Proxy handles it on.
 */
final class RequestGuard
{
    static final String EVENT_SOURCE = "s3";

    private final Caller caller;
    private final RequestScope scope;
    private final ObjectStoreAccess access;
    private boolean authorized;

    RequestGuard(Caller caller, RequestScope scope, ObjectStoreAccess access)
    {
        this.caller = requireNonNull(caller, "caller is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.access = requireNonNull(access, "access is null");
    }

    /** Checks the request's permissions once; the blob store calls S3Proxy makes after the first pass unchecked. */
    void authorizeRequest()
    {
        if (authorized) {
            return;
        }
        for (S3Permission permission : scope.required()) {
            check(permission);
        }
        authorized = true;
    }

    boolean multiObjectDelete()
    {
        return scope.multiObjectDelete();
    }

    void check(S3Permission permission)
    {
        Decision decision = access.decisions().decide(caller, permission.action(), permission.resource(), keys -> {
            keys.sourceIp(scope.request().sourceAddress());
            // the embedded store speaks plain HTTP on loopback
            keys.secureTransport(false);
            permission.conditionKeys().forEach(keys::put);
        });
        if (decision != Decision.ALLOW) {
            access.audit().accept(new AuditEvent(access.clock().instant(), scope.requestId().get(), EVENT_SOURCE, permission.action(),
                    permission.resource(), caller.principalArn(), caller.accessKeyId(), scope.request().sourceAddress(), false, Optional.of("AccessDenied")));
            scope.refusing().run();
            throw S3Errors.accessDenied();
        }
    }
}
