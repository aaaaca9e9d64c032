package io.emrys.api.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.smithy.model.traits.TimestampFormatTrait.Format;

/** Reads and writes timestamps in Smithy's three wire formats; the normalized form is {@link Instant#toString()}. */
final class WireTimestamps
{
    private static final DateTimeFormatter HTTP_DATE = new DateTimeFormatterBuilder()
            .appendPattern("EEE, dd MMM yyyy HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendLiteral(" GMT")
            .toFormatter(Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE_OUT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    // Smithy's date-time: RFC 3339 in UTC only (upper-case T and Z), seconds required, fraction optional
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern EPOCH = Pattern.compile("-?\\d+(\\.\\d+)?");

    private WireTimestamps() {}

    static Instant parseText(String text, Format format)
    {
        try {
            switch (format) {
                case DATE_TIME:
                    if (!DATE_TIME.matcher(text).matches()) {
                        throw ProtocolException.serialization("Not an RFC 3339 date-time: " + text);
                    }
                    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                case HTTP_DATE:
                    return ZonedDateTime.parse(text, HTTP_DATE).toInstant();
                case EPOCH_SECONDS:
                    if (!EPOCH.matcher(text).matches()) {
                        throw ProtocolException.serialization("Not epoch seconds: " + text);
                    }
                    return fromEpochSeconds(new BigDecimal(text));
                default:
                    throw ProtocolException.serialization("Unsupported timestamp format: " + format);
            }
        }
        catch (DateTimeParseException | ArithmeticException e) {
            throw ProtocolException.serialization("Cannot read timestamp '" + text + "' as " + format);
        }
    }

    static Instant fromEpochSeconds(BigDecimal seconds)
    {
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    static BigDecimal toEpochSeconds(Instant instant)
    {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano(), 9))
                .stripTrailingZeros();
    }

    static String formatText(Instant instant, Format format)
    {
        switch (format) {
            case HTTP_DATE:
                return HTTP_DATE_OUT.format(instant);
            case EPOCH_SECONDS:
                return toEpochSeconds(instant).toPlainString();
            case DATE_TIME:
            default:
                return instant.toString();
        }
    }
}
