package io.emrys.api.auth;

import io.emrys.api.auth.SigningTestSuiteCase.Form;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every folder of the AWS SigV4 test suite in both forms: the canonical request, string to sign and
 * signature must equal the expected files, the verifier must accept the signed request, and must refuse it
 * after any change to a signed part.
 */
@Timeout(60)
class SigV4TestSuiteTest
{
    /**
     * In these cases the signer adds X-Amz-Security-Token to the presigned query AFTER signing (the
     * {@code omit_session_token} option some IoT endpoints need). A verifier cannot know a parameter was left
     * out of the signature, and AWS's own services sign it, so this verifier refuses such URLs on purpose.
     */
    private static final Set<String> QUERY_TOKEN_ADDED_AFTER_SIGNING = Set.of("post-sts-header-after");

    @TestFactory
    Stream<DynamicNode> everyTestSuiteCase()
            throws IOException, URISyntaxException
    {
        URL root = getClass().getClassLoader().getResource("sigv4");
        assertThat(root).as("test suite on the classpath").isNotNull();
        List<Path> folders;
        try (Stream<Path> children = Files.list(Path.of(root.toURI()))) {
            folders = children.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).hasSize(38);
        return folders.stream().map(SigningTestSuiteCase::load).map(testCase -> DynamicContainer.dynamicContainer(testCase.name(),
                Stream.of(Form.values()).map(form -> DynamicTest.dynamicTest(form.name().toLowerCase(Locale.ROOT),
                        () -> runCase(testCase, form)))));
    }

    private static void runCase(SigningTestSuiteCase testCase, Form form)
    {
        SignableRequest request = testCase.signedRequest(form);
        SigV4Authorization authorization = SigV4AuthorizationParser.parse(request);
        String payloadHash = SigV4Verifier.payloadHash(request, authorization, SigV4Verifier.payloadMode(request, authorization));
        SignatureCalculator.Computation computation = SignatureCalculator.compute(request, authorization, payloadHash,
                testCase.pathCanonicalization(), testCase.secretAccessKey());
        SigV4Verifier verifier = verifier(testCase, Duration.ZERO);

        if (form == Form.QUERY && QUERY_TOKEN_ADDED_AFTER_SIGNING.contains(testCase.name())) {
            assertThat(computation.canonicalRequest()).isNotEqualTo(testCase.expected(form, "canonical-request"));
            assertThat(computation.canonicalRequest().replaceFirst("&X-Amz-Security-Token=[^&\\n]*", ""))
                    .isEqualTo(testCase.expected(form, "canonical-request"));
            assertRefused(verifier, request, AuthFailureReason.SIGNATURE_MISMATCH);
            return;
        }

        assertThat(computation.canonicalRequest()).isEqualTo(testCase.expected(form, "canonical-request"));
        assertThat(computation.stringToSign()).isEqualTo(testCase.expected(form, "string-to-sign"));
        assertThat(computation.signature()).isEqualTo(testCase.expected(form, "signature"));
        assertThat(authorization.signature()).isEqualTo(computation.signature());

        VerifiedRequest verified = verifier.verify(request);
        assertThat(verified.caller().accessKeyId()).isEqualTo(testCase.accessKeyId());
        assertThat(verified.scope()).isEqualTo(new CredentialScope(LocalDate.of(2015, 8, 30), "us-east-1", "service"));
        assertThat(verified.presigned()).isEqualTo(form == Form.QUERY);
        assertThat(verified.sessionToken().isPresent()).isEqualTo(request.firstHeader("x-amz-security-token").isPresent()
                || request.rawQuery().contains("X-Amz-Security-Token="));

        assertTamperingRefused(testCase, form, request, verifier);
        assertTimeWindow(testCase, form, request);
    }

    private static void assertTamperingRefused(SigningTestSuiteCase testCase, Form form, SignableRequest request, SigV4Verifier verifier)
    {
        assertRefused(verifier, withMethod(request, request.method().equals("GET") ? "POST" : "GET"), AuthFailureReason.SIGNATURE_MISMATCH);
        assertRefused(verifier, withPath(request, request.rawPath() + "x"), AuthFailureReason.SIGNATURE_MISMATCH);
        assertRefused(verifier, withQuery(request, request.rawQuery().isEmpty() ? "tampered=1" : request.rawQuery() + "&tampered=1"),
                AuthFailureReason.SIGNATURE_MISMATCH);
        assertRefused(verifier, withHeader(request, "host", "evil.example.com"), AuthFailureReason.SIGNATURE_MISMATCH);
        assertRefused(verifier, withBody(request, "tampered"), request.firstHeader("x-amz-content-sha256").isPresent()
                ? AuthFailureReason.PAYLOAD_HASH_MISMATCH
                : AuthFailureReason.SIGNATURE_MISMATCH);
        if (form == Form.HEADER) {
            String authorization = request.firstHeader("authorization").orElseThrow();
            assertRefused(verifier, withHeader(request, "authorization", flipLastCharacter(authorization)), AuthFailureReason.SIGNATURE_MISMATCH);
            assertRefused(verifier, withHeader(request, "x-amz-date", "20150830T123601Z"), AuthFailureReason.SIGNATURE_MISMATCH);
        }
        else {
            assertRefused(verifier, withQuery(request, request.rawQuery().replaceFirst("X-Amz-Signature=([0-9a-f]*)[0-9a-f]",
                    "X-Amz-Signature=$1" + (request.rawQuery().matches(".*X-Amz-Signature=[0-9a-f]*0(&.*)?$") ? "1" : "0"))),
                    AuthFailureReason.SIGNATURE_MISMATCH);
            assertRefused(verifier, withQuery(request, request.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=7200")),
                    AuthFailureReason.SIGNATURE_MISMATCH);
        }
        assertRefused(verifier(testCase, Duration.ZERO, new InMemoryCredentialStore(InMemoryCredentialStore.credential(testCase.accessKeyId(),
                "wrong" + testCase.secretAccessKey()))), request, AuthFailureReason.SIGNATURE_MISMATCH);
        assertRefused(verifier(testCase, Duration.ZERO, new InMemoryCredentialStore()), request, AuthFailureReason.UNKNOWN_ACCESS_KEY);
    }

    private static void assertTimeWindow(SigningTestSuiteCase testCase, Form form, SignableRequest request)
    {
        if (form == Form.HEADER) {
            verifier(testCase, Duration.ofMinutes(15)).verify(request);
            verifier(testCase, Duration.ofMinutes(-15)).verify(request);
            assertRefused(verifier(testCase, Duration.ofMinutes(16)), request, AuthFailureReason.REQUEST_EXPIRED);
            assertRefused(verifier(testCase, Duration.ofMinutes(-16)), request, AuthFailureReason.REQUEST_EXPIRED);
        }
        else {
            verifier(testCase, Duration.ofSeconds(3600)).verify(request);
            assertRefused(verifier(testCase, Duration.ofSeconds(3601)), request, AuthFailureReason.REQUEST_EXPIRED);
            assertRefused(verifier(testCase, Duration.ofMinutes(-16)), request, AuthFailureReason.REQUEST_EXPIRED);
        }
    }

    private static SigV4Verifier verifier(SigningTestSuiteCase testCase, Duration clockOffset)
    {
        return verifier(testCase, clockOffset, new InMemoryCredentialStore(InMemoryCredentialStore.credential(testCase.accessKeyId(), testCase.secretAccessKey())));
    }

    private static SigV4Verifier verifier(SigningTestSuiteCase testCase, Duration clockOffset, CredentialStore store)
    {
        Clock clock = Clock.fixed(testCase.timestamp().plus(clockOffset), ZoneOffset.UTC);
        return new SigV4Verifier(store, clock, service -> testCase.pathCanonicalization());
    }

    private static void assertRefused(SigV4Verifier verifier, SignableRequest request, AuthFailureReason reason)
    {
        assertThatThrownBy(() -> verifier.verify(request))
                .as("%s", request)
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static String flipLastCharacter(String value)
    {
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static SignableRequest withMethod(SignableRequest request, String method)
    {
        return new SignableRequest(method, request.rawPath(), request.rawQuery(), request.headers(), request.body());
    }

    private static SignableRequest withPath(SignableRequest request, String path)
    {
        return new SignableRequest(request.method(), path, request.rawQuery(), request.headers(), request.body());
    }

    private static SignableRequest withQuery(SignableRequest request, String query)
    {
        return new SignableRequest(request.method(), request.rawPath(), query, request.headers(), request.body());
    }

    private static SignableRequest withBody(SignableRequest request, String body)
    {
        return new SignableRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignableRequest withHeader(SignableRequest request, String name, String value)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, new ArrayList<>(List.of(value)));
        return new SignableRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }
}
