package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.traits.TimestampFormatTrait.Format;

@Timeout(30)
class HeaderValuesTest
{
    @Test
    void splitsOnCommasOutsideQuotes()
    {
        assertThat(HeaderValues.split("a, \"b,c\" , \"say \\\"hi\\\"\",d")).containsExactly("a", "b,c", "say \"hi\"", "d");
    }

    @Test
    void pairsHttpDatePieces()
    {
        assertThat(HeaderValues.splitHttpDates("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"))
                .containsExactly("Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT");
    }

    @Test
    void quotesOnlyItemsThatWouldNotSurviveSplitting()
    {
        assertThat(HeaderValues.quoteIfNeeded("plain")).isEqualTo("plain");
        assertThat(HeaderValues.quoteIfNeeded("a,b")).isEqualTo("\"a,b\"");
        assertThat(HeaderValues.quoteIfNeeded(" padded")).isEqualTo("\" padded\"");
    }

    @Test
    void readsAndWritesEachTimestampFormat()
    {
        Instant instant = Instant.parse("2019-12-16T23:48:18.250Z");

        assertThat(WireTimestamps.parseText("2019-12-16T23:48:18.25Z", Format.DATE_TIME)).isEqualTo(instant);
        assertThat(WireTimestamps.parseText("Mon, 16 Dec 2019 23:48:18.250 GMT", Format.HTTP_DATE)).isEqualTo(instant);
        assertThat(WireTimestamps.parseText("1576540098.25", Format.EPOCH_SECONDS)).isEqualTo(instant);
        assertThat(WireTimestamps.formatText(instant, Format.EPOCH_SECONDS)).isEqualTo("1576540098.25");
        assertThat(WireTimestamps.formatText(Instant.parse("2019-12-16T23:48:18Z"), Format.HTTP_DATE)).isEqualTo("Mon, 16 Dec 2019 23:48:18 GMT");
    }

    @Test
    void rejectsDateTimesWithOffsets()
    {
        assertThatThrownBy(() -> WireTimestamps.parseText("2019-12-16T23:48:18+01:00", Format.DATE_TIME))
                .isInstanceOf(ProtocolException.class);
    }
}
