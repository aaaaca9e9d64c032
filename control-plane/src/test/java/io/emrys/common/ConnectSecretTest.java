package io.emrys.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ConnectSecretTest
{
    @Test
    void isThirtyTwoRandomBytesInLowerCaseHexAndNewEachTime()
    {
        ConnectSecret first = ConnectSecret.random();
        ConnectSecret second = ConnectSecret.random();

        assertThat(first.value()).matches("[0-9a-f]{64}");
        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void readsBackOnlyTheSameShapeWithoutRepeatingTheValueInTheError()
    {
        ConnectSecret secret = ConnectSecret.random();

        assertThat(ConnectSecret.of(secret.value())).isEqualTo(secret);
        String wrong = "A".repeat(64);
        assertThatThrownBy(() -> ConnectSecret.of(wrong)).isInstanceOf(IllegalArgumentException.class).message().doesNotContain(wrong);
        assertThatThrownBy(() -> ConnectSecret.of(secret.value().substring(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesOnlyItsOwnValue()
    {
        ConnectSecret secret = ConnectSecret.random();

        assertThat(secret.matches(secret.value())).isTrue();
        assertThat(secret.matches(secret.value().substring(0, 63) + (secret.value().endsWith("0") ? "1" : "0"))).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }

    @Test
    void hidesTheValueWhenPrinted()
    {
        ConnectSecret secret = ConnectSecret.random();

        assertThat(secret.toString()).doesNotContain(secret.value());
    }
}
