package io.emrys.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4 arithmetic: string to sign, signing key derivation and HMAC-SHA256, on {@code javax.crypto} only.
 * Stateless; the JDK's Mac and MessageDigest instances are created per call because they are not thread-safe.
 */
public final class SignatureCalculator
{
    private static final HexFormat HEX = HexFormat.of();

    private SignatureCalculator() {}

    /** The three intermediate results, exposed so the test suite's expected files can be compared one by one. */
    public record Computation(String canonicalRequest, String stringToSign, String signature) {}

    public static Computation compute(SignableRequest request, SigV4Authorization authorization, String payloadHash,
            PathCanonicalization paths, String secretAccessKey)
    {
        String canonicalRequest = CanonicalRequest.build(request, authorization, payloadHash, paths);
        String stringToSign = SigV4Authorization.ALGORITHM + "\n"
                + authorization.amzDate() + "\n"
                + authorization.scope().scopeString() + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = signingKey(secretAccessKey, authorization.scope());
        String signature = HEX.formatHex(hmacSha256(signingKey, stringToSign));
        return new Computation(canonicalRequest, stringToSign, signature);
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(String secretAccessKey, CredentialScope scope)
    {
        byte[] key = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        key = hmacSha256(key, scope.dateStamp());
        key = hmacSha256(key, scope.region());
        key = hmacSha256(key, scope.service());
        return hmacSha256(key, CredentialScope.TERMINATOR);
    }

    public static String sha256Hex(byte[] data)
    {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Compares two signatures in time that does not depend on where they first differ. */
    static boolean signaturesMatch(String expected, String provided)
    {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), provided.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmacSha256(byte[] key, String data)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
