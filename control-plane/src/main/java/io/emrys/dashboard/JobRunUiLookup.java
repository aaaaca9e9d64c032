package io.emrys.dashboard;

import io.emrys.jobrun.JobRunId;
import io.emrys.jobrun.JobRunRegistry;

import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** Finds the UI of a run attempt id ({@code <jobRunId>-<attempt>}) in the job run registry. */
public final class JobRunUiLookup
        implements Function<String, Optional<RunUi>>
{
    private final JobRunRegistry registry;

    public JobRunUiLookup(JobRunRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
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
        return registry.attempts(id).stream()
                .filter(candidate -> candidate.attempt() == attempt)
                .findFirst()
                .map(RunUi::forAttempt);
    }
}
