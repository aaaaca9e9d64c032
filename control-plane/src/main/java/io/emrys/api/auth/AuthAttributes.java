package io.emrys.api.auth;

import io.emrys.common.Caller;
import io.netty.util.AttributeKey;

/**
 * Where the authentication decorator leaves its verdict on an Armeria request context, for the protocol layer
 * (and later IAM authorization) to read. Immutable keys, not state.
 */
public final class AuthAttributes
{
    /** The principal whose signature was verified. */
    public static final AttributeKey<Caller> CALLER = AttributeKey.valueOf(AuthAttributes.class, "CALLER");

    /** The service name in the SigV4 credential scope, e.g. {@code emr-serverless}; used to dispatch. */
    public static final AttributeKey<String> SIGNING_SERVICE = AttributeKey.valueOf(AuthAttributes.class, "SIGNING_SERVICE");

    private AuthAttributes() {}
}
