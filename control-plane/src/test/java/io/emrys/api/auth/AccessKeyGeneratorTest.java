package io.emrys.api.auth;

import io.emrys.common.AccessKeyGenerator;
import io.emrys.common.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class AccessKeyGeneratorTest
{
    private final AccessKeyGenerator generator = new AccessKeyGenerator();

    @Test
    void accessKeyIdsLookLikeAwsKeys()
    {
        for (int i = 0; i < 200; i++) {
            assertThat(generator.newAccessKeyId()).matches("AKIA[A-Z0-9]{16}");
        }
    }

    @Test
    void secretsAreFortyBase64Characters()
    {
        for (int i = 0; i < 200; i++) {
            assertThat(generator.newSecretAccessKey()).matches("[A-Za-z0-9+/]{40}");
        }
    }

    @Test
    void keysDoNotRepeat()
    {
        Set<String> ids = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(generator.newAccessKeyId());
            secrets.add(generator.newSecretAccessKey());
        }
        assertThat(ids).hasSize(1000);
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void newCredentialNamesItsOwnKeyInTheCaller()
    {
        Credential credential = generator.newCredential("123456789012", "arn:aws:iam::123456789012:root");

        assertThat(credential.caller().accessKeyId()).isEqualTo(credential.accessKeyId());
        assertThat(credential.caller().accountId()).isEqualTo("123456789012");
        assertThat(credential.toString()).doesNotContain(credential.secretAccessKey());
    }

    @Test
    void generatedKeysSignRequestsTheVerifierAccepts()
    {
        Credential credential = generator.newCredential("123456789012", "arn:aws:iam::123456789012:root");
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        CredentialScope scope = new CredentialScope(LocalDate.of(2026, 1, 2), "us-east-1", "emr-serverless");
        SigV4Authorization claim = new SigV4Authorization(credential.accessKeyId(), scope, List.of("host", "x-amz-date"), "", "20260102T030405Z",
                now, Optional.empty(), Optional.empty());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1:8080"));
        headers.put("x-amz-date", List.of("20260102T030405Z"));
        SignableRequest unsigned = new SignableRequest("GET", "/applications", "", headers, new byte[0]);
        String signature = SignatureCalculator.compute(unsigned, claim, SignatureCalculator.sha256Hex(new byte[0]),
                PathCanonicalization.NORMALIZE_AND_ENCODE, credential.secretAccessKey()).signature();
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + credential.accessKeyId() + "/" + scope.scopeString()
                + ", SignedHeaders=host;x-amz-date, Signature=" + signature));

        VerifiedRequest verified = new SigV4Verifier(new InMemoryCredentialStore(credential), Clock.fixed(now, ZoneOffset.UTC))
                .verify(new SignableRequest("GET", "/applications", "", headers, new byte[0]));

        assertThat(verified.caller()).isEqualTo(credential.caller());
    }
}
