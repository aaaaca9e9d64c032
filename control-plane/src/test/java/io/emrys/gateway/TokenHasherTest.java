package io.emrys.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class TokenHasherTest
{
    @Test
    void hashesWithSha256AsLowercaseHex()
    {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(TokenHasher.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void matchesOnlyTheTokenThatWasHashed()
    {
        String hash = TokenHasher.sha256Hex("token-1");
        assertThat(TokenHasher.matches("token-1", hash)).isTrue();
        assertThat(TokenHasher.matches("token-1", hash.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(TokenHasher.matches("token-2", hash)).isFalse();
        assertThat(TokenHasher.matches("token-1", hash.substring(2))).isFalse();
    }

    @Test
    void neverMatchesAMalformedHash()
    {
        assertThat(TokenHasher.matches("token-1", "not hex")).isFalse();
        assertThat(TokenHasher.matches("token-1", "")).isFalse();
    }

    @Test
    void comparesSecretsByValue()
    {
        assertThat(TokenHasher.constantTimeEquals("same", new String("same".toCharArray()))).isTrue();
        assertThat(TokenHasher.constantTimeEquals("same", "sane")).isFalse();
        assertThat(TokenHasher.constantTimeEquals("same", "same ")).isFalse();
    }
}
