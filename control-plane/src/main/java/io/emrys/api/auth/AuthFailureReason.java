package io.emrys.api.auth;

import static java.util.Objects.requireNonNull;

/**
 * Why a request was not authenticated, with the error AWS itself answers in that case: one code for JSON
 * protocols (restJson1, awsJson1_1) and one for query protocols (STS), so that SDKs and the CLI recognise it.
 */
public enum AuthFailureReason
{
    /** Neither an Authorization header nor presigned query parameters. */
    MISSING_AUTHENTICATION(403, "MissingAuthenticationTokenException", "MissingAuthenticationToken"),
    /** Authorization header or presigned parameters present but malformed or incomplete. */
    INCOMPLETE_SIGNATURE(400, "IncompleteSignatureException", "IncompleteSignature"),
    /** The access key id is not known to the credential store. */
    UNKNOWN_ACCESS_KEY(403, "UnrecognizedClientException", "InvalidClientTokenId"),
    /** A session token that is not the one issued with the key, or one sent with a long-term key, or none with a temporary key. */
    INVALID_SECURITY_TOKEN(403, "UnrecognizedClientException", "InvalidClientTokenId"),
    /** Temporary credentials past their expiration. */
    EXPIRED_TOKEN(403, "ExpiredTokenException", "ExpiredToken"),
    /** The signature is well formed but not the one the secret key gives for this request. */
    SIGNATURE_MISMATCH(403, "InvalidSignatureException", "SignatureDoesNotMatch"),
    /**
     * The request time is more than 15 minutes away from the server's clock, or a presigned URL has expired.
     * AWS answers this with the signature error code and a "Signature expired" message; the AWS SDK for Java
     * recognises that code as clock skew and corrects its clock from the response's Date header.
     */
    REQUEST_EXPIRED(403, "InvalidSignatureException", "SignatureDoesNotMatch"),
    /**
     * A valid signature for another service or region than the endpoint's, or over an unsigned payload where the
     * endpoint needs it signed. AWS answers a foreign scope with the signature error code.
     */
    WRONG_SCOPE(403, "InvalidSignatureException", "SignatureDoesNotMatch"),
    /** The body does not hash to the signed {@code x-amz-content-sha256} value. */
    PAYLOAD_HASH_MISMATCH(400, "XAmzContentSHA256Mismatch", "XAmzContentSHA256Mismatch"),
    /** A valid signature over a payload mode the endpoint does not decode (aws-chunked streaming). */
    UNSUPPORTED_PAYLOAD(501, "NotImplemented", "NotImplemented");

    private final int httpStatus;
    private final String jsonErrorCode;
    private final String queryErrorCode;

    AuthFailureReason(int httpStatus, String jsonErrorCode, String queryErrorCode)
    {
        this.httpStatus = httpStatus;
        this.jsonErrorCode = requireNonNull(jsonErrorCode, "jsonErrorCode is null");
        this.queryErrorCode = requireNonNull(queryErrorCode, "queryErrorCode is null");
    }

    public int httpStatus()
    {
        return httpStatus;
    }

    /** The error code for restJson1 and awsJson1_1 services (EMR Serverless, EMR, emr-containers). */
    public String jsonErrorCode()
    {
        return jsonErrorCode;
    }

    /** The error code for awsQuery services (STS). */
    public String queryErrorCode()
    {
        return queryErrorCode;
    }
}
