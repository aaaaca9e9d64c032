package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

/** A state-change reason: {@code Code} from the model's enum of that resource (empty when none of its codes fits), {@code Message} for people. */
public record StatusReason(String code, String message)
{
    public StatusReason
    {
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }
}
