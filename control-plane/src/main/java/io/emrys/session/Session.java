package io.emrys.session;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ApplicationId;
import io.emrys.common.SessionId;
import io.emrys.compute.cluster.DriverRef;
import java.time.Instant;
import java.util.Optional;

/**
 * An interactive session as stored.
 *
 * @param idleSince when it last became IDLE; the idle timeout counts from here
 * @param driverRef where the Spark Connect driver runs once launched (opaque, its cluster manager's), for re-adoption after a restart
 * @param grpcPort the driver's loopback Spark Connect port, which only the gateway reaches
 */
public record Session(
        SessionId id,
        ApplicationId applicationId,
        String arn,
        String createdBy,
        String releaseLabel,
        SessionSpec spec,
        SessionState state,
        String stateDetails,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<Instant> idleSince,
        Optional<DriverRef> driverRef,
        Optional<String> workDir,
        Optional<Integer> grpcPort,
        Optional<Integer> uiPort)
{
    public Session
    {
        requireNonNull(id, "id is null");
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(releaseLabel, "releaseLabel is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        requireNonNull(stateDetails, "stateDetails is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(idleSince, "idleSince is null");
        requireNonNull(driverRef, "driverRef is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(grpcPort, "grpcPort is null");
        requireNonNull(uiPort, "uiPort is null");
    }

    /** This session moved to {@code next}; the model requires non-empty stateDetails, so each state says something. */
    public Session to(SessionState next, String details, Instant now)
    {
        if (state.isTerminal()) {
            throw new IllegalStateException("session %s is already %s; cannot become %s".formatted(id, state, next));
        }
        Optional<Instant> started = next.isConnectable() && startedAt.isEmpty() ? Optional.of(now) : startedAt;
        Optional<Instant> ended = next.isTerminal() ? Optional.of(now) : endedAt;
        Optional<Instant> idle = next == SessionState.IDLE ? Optional.of(now) : next.isTerminal() ? idleSince : Optional.empty();
        return new Session(id, applicationId, arn, createdBy, releaseLabel, spec, next, details, createdAt, now, started, ended, idle,
                driverRef, workDir, grpcPort, uiPort);
    }

    public Session withDriver(DriverRef ref, String directory, int port, Optional<Integer> ui, Instant now)
    {
        return new Session(id, applicationId, arn, createdBy, releaseLabel, spec, state, stateDetails, createdAt, now, startedAt, endedAt, idleSince,
                Optional.of(ref), Optional.of(directory), Optional.of(port), ui);
    }

    /** The id under which the dashboard serves this session's Spark UI: the form of a job run attempt's, attempt 1. */
    public String dashboardId()
    {
        return id.value() + "-1";
    }
}
