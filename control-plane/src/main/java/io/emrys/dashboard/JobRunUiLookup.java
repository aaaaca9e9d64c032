package io.emrys.dashboard;

import static java.util.Objects.requireNonNull;

import io.emrys.common.JobRunId;
import io.emrys.jobrun.JobRunAttempt;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the UI of a run attempt id ({@code <jobRunId>-<attempt>}) among a run's attempts; wire it to the job run
 * registry with {@code new JobRunUiLookup(registry::attempts)}.
 */
public final class JobRunUiLookup
        implements Function<String, Optional<RunUi>>
{
    private final Function<JobRunId, List<JobRunAttempt>> attempts;

    /** @param attempts a run's attempts, empty for an unknown run ({@code JobRunRegistry::attempts}) */
    public JobRunUiLookup(Function<JobRunId, List<JobRunAttempt>> attempts)
    {
        this.attempts = requireNonNull(attempts, "attempts is null");
    }

    @Override
    public Optional<RunUi> apply(String runAttemptId)
    {
        if (!DashboardPath.isRunAttemptId(runAttemptId)) {
            return Optional.empty();
        }
        int dash = runAttemptId.lastIndexOf('-');
        JobRunId id = new JobRunId(runAttemptId.substring(0, dash));
        int attempt = Integer.parseInt(runAttemptId.substring(dash + 1));
        return attempts.apply(id).stream()
                .filter(candidate -> candidate.attempt() == attempt)
                .findFirst()
                .map(RunUi::forAttempt);
    }
}
