package io.emrys.dashboard;

import io.emrys.jobrun.JobRunAttempt;
import io.emrys.jobrun.JobRunState;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** Where the Spark UI of one run attempt is, as far as the control plane knows right now. */
public sealed interface RunUi
        permits RunUi.Live, RunUi.Ended, RunUi.Unavailable
{
    /** The folder, relative to an attempt's work dir, where the driver writes its event log. */
    String EVENT_LOG_FOLDER = "spark-events";

    /** The driver is running: its live UI listens on {@code 127.0.0.1:uiPort}. */
    record Live(int uiPort)
            implements RunUi
    {
        public Live
        {
            if (uiPort <= 0 || uiPort > 65535) {
                throw new IllegalArgumentException("uiPort out of range: " + uiPort);
            }
        }
    }

    /** The driver has ended: its event log (if Spark got far enough to write one) is in {@code eventLogDirectory}. */
    record Ended(Path eventLogDirectory)
            implements RunUi
    {
        public Ended
        {
            requireNonNull(eventLogDirectory, "eventLogDirectory is null");
        }

        public static Ended ofWorkDir(Path workDir)
        {
            return new Ended(workDir.resolve(EVENT_LOG_FOLDER));
        }
    }

    /**
     * There is no UI to show. {@code temporary} is true when one may appear (the driver has not started yet), so the
     * page asks the browser to reload.
     */
    record Unavailable(String reason, boolean temporary)
            implements RunUi
    {
        public Unavailable
        {
            requireNonNull(reason, "reason is null");
        }
    }

    /** The UI of a job run attempt: live while RUNNING or CANCELLING, the history view once it is terminal. */
    static RunUi forAttempt(JobRunAttempt attempt)
    {
        requireNonNull(attempt, "attempt is null");
        String name = "Job run " + attempt.jobRunId() + " attempt " + attempt.attempt();
        JobRunState state = attempt.state();
        if (state.isTerminal()) {
            return attempt.workDir()
                    .<RunUi>map(directory -> Ended.ofWorkDir(Path.of(directory)))
                    .orElseGet(() -> new Unavailable(name + " ended (" + state + ") before its driver started, so it has no Spark UI.", false));
        }
        if (state == JobRunState.RUNNING || state == JobRunState.CANCELLING) {
            return attempt.uiPort()
                    .filter(port -> port > 0 && port <= 65535)
                    .<RunUi>map(Live::new)
                    .orElseGet(() -> new Unavailable(name + " is " + state + " but the port of its Spark UI is not known.", false));
        }
        return new Unavailable(name + " is " + state + ": its Spark UI appears once the driver runs.", true);
    }
}
