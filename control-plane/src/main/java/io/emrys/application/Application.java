package io.emrys.application;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ApplicationId;
import java.time.Instant;
import java.util.Optional;

/**
 * An application as stored: identity, lifecycle state and configuration.
 *
 * @param lastActivityAt the last time a job run or session ended or started; auto-stop counts idle time from it
 */
public record Application(
        ApplicationId id,
        String arn,
        ApplicationState state,
        Optional<String> stateDetails,
        ApplicationConfiguration configuration,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActivityAt)
{
    public Application
    {
        requireNonNull(id, "id is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(state, "state is null");
        requireNonNull(stateDetails, "stateDetails is null");
        requireNonNull(configuration, "configuration is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(lastActivityAt, "lastActivityAt is null");
    }

    public Application withState(ApplicationState newState, Optional<String> details, Instant now)
    {
        return new Application(id, arn, newState, details, configuration, createdAt, now, lastActivityAt);
    }

    public Application withConfiguration(ApplicationConfiguration newConfiguration, Instant now)
    {
        return new Application(id, arn, state, stateDetails, newConfiguration, createdAt, now, lastActivityAt);
    }

    public Application withActivity(Instant now)
    {
        return new Application(id, arn, state, stateDetails, configuration, createdAt, updatedAt, now);
    }

    /**
     * Why this application cannot take new work now, if it cannot: work needs it STARTING or STARTED, or CREATED or
     * STOPPED with auto-start enabled (the work then starts it).
     *
     * @param beforeDoing the work in "start it before ...", such as "submitting job runs"
     * @param cannotDo the work in "cannot ...", such as "accept job runs"
     */
    public Optional<String> whyItRefusesWork(String beforeDoing, String cannotDo)
    {
        return switch (state) {
            case STARTED, STARTING -> Optional.empty();
            case CREATED, STOPPED -> configuration.autoStartEnabled() ? Optional.empty()
                    : Optional.of("Application %s is %s and auto-start is disabled; start it before %s".formatted(id, state, beforeDoing));
            case CREATING, STOPPING, TERMINATED -> Optional.of("Application %s is %s and cannot %s".formatted(id, state, cannotDo));
        };
    }
}
