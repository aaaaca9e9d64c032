package io.emrys.api.auth;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The credential scope of a SigV4 signature ({@code 20150830/us-east-1/emr-serverless/aws4_request}): the
 * day, region and service the signing key was derived for.
 */
public record CredentialScope(LocalDate date, String region, String service)
{
    static final String TERMINATOR = "aws4_request";
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    public CredentialScope
    {
        requireNonNull(date, "date is null");
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
    }

    /** The date as it appears in the scope: {@code yyyyMMdd}. */
    public String dateStamp()
    {
        return BASIC_DATE.format(date);
    }

    /** The scope line of the string to sign. */
    public String scopeString()
    {
        return dateStamp() + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /** Parses {@code date/region/service/aws4_request}; empty when malformed. */
    static Optional<CredentialScope> parse(String dateStamp, String region, String service, String terminator)
    {
        if (!TERMINATOR.equals(terminator) || region.isEmpty() || service.isEmpty() || dateStamp.length() != 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CredentialScope(LocalDate.parse(dateStamp, BASIC_DATE), region, service));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
