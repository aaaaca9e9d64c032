package io.emrys.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.emrys.api.auth.AuthFailureReason.INCOMPLETE_SIGNATURE;
import static io.emrys.api.auth.AuthFailureReason.MISSING_AUTHENTICATION;
import static io.emrys.api.auth.AuthFailureReason.SIGNATURE_MISMATCH;

/**
 * Reads the claimed signature from either the Authorization header or the presigned query parameters. Only
 * syntax is checked here; keys, signatures and times are checked by {@link SigV4Verifier}.
 */
public final class SigV4AuthorizationParser
{
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT);
    /** SigV4 caps presigned URLs at seven days. */
    static final Duration MAX_EXPIRES = Duration.ofDays(7);

    private SigV4AuthorizationParser() {}

    public static SigV4Authorization parse(SignableRequest request)
    {
        Optional<String> header = request.firstHeader("authorization");
        Map<String, String> query = QueryParameters.firstValues(request.rawQuery());
        boolean presigned = query.containsKey("X-Amz-Algorithm");
        if (header.isPresent() && presigned) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified");
        }
        if (header.isPresent()) {
            return parseHeader(header.get(), request);
        }
        if (presigned) {
            return parseQuery(query);
        }
        throw new AuthenticationException(MISSING_AUTHENTICATION, "Missing Authentication Token");
    }

    private static SigV4Authorization parseHeader(String header, SignableRequest request)
    {
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!SigV4Authorization.ALGORITHM.equals(algorithm)) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE,
                    "Unsupported authorization algorithm '" + algorithm + "'; expected " + SigV4Authorization.ALGORITHM);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : trimmed.substring(space + 1).split(",")) {
            String item = part.trim();
            int equals = item.indexOf('=');
            if (equals > 0) {
                parts.putIfAbsent(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                problems.add("Authorization header requires '" + required + "' parameter.");
            }
        }
        Optional<String> amzDate = request.firstHeader("x-amz-date");
        Optional<String> date = request.firstHeader("date");
        if (amzDate.isEmpty() && date.isEmpty()) {
            problems.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!problems.isEmpty()) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, String.join(" ", problems) + " Authorization=" + algorithm);
        }
        Instant requestTime = amzDate.isPresent() ? parseAmzDate(amzDate.get().trim()) : parseHttpDate(date.get().trim());
        return build(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"), requestTime,
                Optional.empty(), request.firstHeader("x-amz-security-token").map(String::trim));
    }

    private static SigV4Authorization parseQuery(Map<String, String> query)
    {
        List<String> missing = new ArrayList<>();
        for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature")) {
            if (!query.containsKey(required) || query.get(required).isEmpty()) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "Presigned request is missing the query parameters " + missing);
        }
        if (!SigV4Authorization.ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE,
                    "Unsupported X-Amz-Algorithm '" + query.get("X-Amz-Algorithm") + "'; expected " + SigV4Authorization.ALGORITHM);
        }
        Duration expires = parseExpires(query.get("X-Amz-Expires"));
        return build(query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"), query.get("X-Amz-Signature"),
                parseAmzDate(query.get("X-Amz-Date")), Optional.of(expires), Optional.ofNullable(query.get("X-Amz-Security-Token")));
    }

    private static SigV4Authorization build(String credential, String signedHeaders, String signature, Instant requestTime,
            Optional<Duration> expires, Optional<String> sessionToken)
    {
        String[] credentialParts = credential.split("/", -1);
        Optional<CredentialScope> scope = credentialParts.length == 5
                ? CredentialScope.parse(credentialParts[1], credentialParts[2], credentialParts[3], credentialParts[4])
                : Optional.empty();
        if (scope.isEmpty() || credentialParts[0].isEmpty()) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE,
                    "Credential should be scoped to a valid region, a service and 'aws4_request': expected "
                            + "<access key>/<yyyyMMdd>/<region>/<service>/aws4_request, got '" + abbreviate(credential) + "'");
        }
        List<String> headers = Arrays.stream(signedHeaders.split(";", -1))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .toList();
        if (!headers.contains("host") && !headers.contains(":authority")) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", scope);
        }
        String amzDate = AMZ_DATE.format(requestTime.atOffset(ZoneOffset.UTC));
        if (!amzDate.startsWith(scope.get().dateStamp())) {
            throw new AuthenticationException(SIGNATURE_MISMATCH,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + scope.get().dateStamp() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.", scope);
        }
        return new SigV4Authorization(credentialParts[0], scope.get(), headers, signature, amzDate, requestTime, expires, sessionToken);
    }

    private static Instant parseAmzDate(String value)
    {
        try {
            return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "X-Amz-Date must be in the ISO8601 Long Format (yyyyMMdd'T'HHmmss'Z'), got '" + value + "'");
        }
    }

    private static Instant parseHttpDate(String value)
    {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "Date header must be an RFC 1123 date, got '" + value + "'");
        }
    }

    private static Duration parseExpires(String value)
    {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE, "X-Amz-Expires must be a number of seconds, got '" + value + "'");
        }
        if (seconds < 1 || seconds > MAX_EXPIRES.toSeconds()) {
            throw new AuthenticationException(INCOMPLETE_SIGNATURE,
                    "X-Amz-Expires must be between 1 and " + MAX_EXPIRES.toSeconds() + " seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static String abbreviate(String credential)
    {
        // the message is echoed to the caller: keep it readable whatever was sent
        return credential.length() > 120 ? credential.substring(0, 120) + "..." : credential;
    }
}
