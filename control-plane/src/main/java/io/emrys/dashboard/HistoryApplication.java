package io.emrys.dashboard;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An application the Spark History Server lists; its UI is at {@link #uiPath()} on that server. */
public record HistoryApplication(String id, Optional<String> attemptId)
{
    public HistoryApplication
    {
        requireNonNull(id, "id is null");
        requireNonNull(attemptId, "attemptId is null");
    }

    /** {@code /history/<appId>/} or, for applications with attempt ids, {@code /history/<appId>/<attemptId>/}. */
    public String uiPath()
    {
        return "/history/" + id + attemptId.map(attempt -> "/" + attempt).orElse("") + "/";
    }
}
