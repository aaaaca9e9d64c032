package io.emrys.iam.policy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The values the Date operators compare: ISO-8601 (a full timestamp with an offset, one without, taken as UTC, or a
 * bare date, its start in UTC) or epoch seconds, as {@code aws:EpochTime} holds.
 */
final class DateValues
{
    private DateValues() {}

    static Optional<Instant> parse(String text)
    {
        if (!text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-') && text.indexOf('-', 1) < 0) {
            try {
                BigDecimal seconds = new BigDecimal(text);
                return Optional.of(Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
            }
            catch (NumberFormatException | ArithmeticException | DateTimeException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        }
        catch (DateTimeParseException ignored) {
            // not with an offset; try the forms without one
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        }
        catch (DateTimeParseException ignored) {
            // not a local timestamp either
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
