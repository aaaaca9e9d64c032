package io.emrys.api.auth;

import java.util.Locale;
import java.util.Optional;

/** What the payload hash line of the canonical request covers. */
public enum PayloadMode
{
    /** The hex SHA-256 of the body, computed here or sent in {@code x-amz-content-sha256} and checked against the body. */
    SIGNED,
    /** {@code UNSIGNED-PAYLOAD}: the body is not covered by the signature. */
    UNSIGNED,
    /** One of the {@code STREAMING-*} values: the body is aws-chunked, each chunk carrying its own signature. */
    STREAMING;

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    static Optional<PayloadMode> ofHeader(String value)
    {
        if (value.equals(UNSIGNED_PAYLOAD)) {
            return Optional.of(UNSIGNED);
        }
        if (value.startsWith("STREAMING-")) {
            return Optional.of(STREAMING);
        }
        if (value.length() == 64 && value.toLowerCase(Locale.ROOT).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Optional.of(SIGNED);
        }
        return Optional.empty();
    }
}
