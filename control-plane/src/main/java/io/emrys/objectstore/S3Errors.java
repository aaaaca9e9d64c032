package io.emrys.objectstore;

import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 errors the store's own checks answer, with AWS S3's codes, statuses and messages. S3Proxy renders any
 * {@link S3Exception} that carries an error code as S3's XML error document, so SDKs read them as they read S3's.
 */
final class S3Errors
{
    private S3Errors() {}

    static S3Exception accessDenied()
    {
        return new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "Access Denied");
    }

    static S3Exception invalidAccessKeyId()
    {
        return new S3ProxyException(S3ErrorCode.INVALID_ACCESS_KEY_ID, "The AWS Access Key Id you provided does not exist in our records.");
    }

    /** S3 answers 400 ExpiredToken; the SDKs and botocore treat that code as expired credentials and refresh them. */
    static S3Exception expiredToken()
    {
        return error(400, "ExpiredToken", "The provided token has expired.");
    }

    /** A token that is not the one issued with the key, or a token sent with a long-term key. */
    static S3Exception invalidToken()
    {
        return error(400, "InvalidToken", "The provided token is malformed or otherwise invalid.");
    }

    private static S3Exception error(int status, String code, String message)
    {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }
}
