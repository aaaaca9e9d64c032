package io.emrys.api.serverless;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.application.ApplicationService;
import io.emrys.common.ApplicationId;
import io.emrys.common.Page;
import io.emrys.error.EmrysException;
import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.jobrun.JobRunService;
import io.emrys.jobrun.JobRunState;
import io.emrys.tagging.TagService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** StartJobRun, GetJobRun, ListJobRuns, ListJobRunAttempts, CancelJobRun, GetDashboardForJobRun. */
final class JobRunOperations
{
    private final JobRunService jobRuns;
    private final ApplicationService applications;
    private final TagService tags;
    private final JobRunUsage usage;
    private final Dashboards dashboards;
    private final Clock clock;

    JobRunOperations(JobRunService jobRuns, ApplicationService applications, TagService tags, JobRunUsage usage, Dashboards dashboards, Clock clock)
    {
        this.jobRuns = requireNonNull(jobRuns, "jobRuns is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.dashboards = requireNonNull(dashboards, "dashboards is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    void register(Map<String, OperationHandler> handlers)
    {
        handlers.put("StartJobRun", this::start);
        handlers.put("GetJobRun", this::get);
        handlers.put("ListJobRuns", this::list);
        handlers.put("ListJobRunAttempts", this::listAttempts);
        handlers.put("CancelJobRun", this::cancel);
        handlers.put("GetDashboardForJobRun", this::dashboard);
    }

    private ObjectNode start(OperationCall call)
    {
        JobRun run = jobRuns.start(Inputs.applicationId(call.input()), call.input(), Inputs.clientToken(call.input()),
                Inputs.stringMap(call.input().get("tags")), call.caller().principalArn());
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("applicationId", run.applicationId().value());
        output.put("jobRunId", run.id().value());
        output.put("arn", run.arn());
        return output;
    }

    private ObjectNode get(OperationCall call)
    {
        JobRun run = jobRuns.get(Inputs.applicationId(call.input()), Inputs.jobRunId(call.input()));
        JobRunAttempt attempt = jobRuns.attempt(run, Inputs.optionalInt(call.input(), "attempt"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.set("jobRun", describe(run, attempt));
        return output;
    }

    private ObjectNode describe(JobRun run, JobRunAttempt attempt)
    {
        ObjectNode spec = run.spec().document();
        ObjectNode jobRun = JsonNodeFactory.instance.objectNode();
        jobRun.put("applicationId", run.applicationId().value());
        jobRun.put("jobRunId", run.id().value());
        run.spec().name().ifPresent(name -> jobRun.put("name", name));
        jobRun.put("arn", run.arn());
        jobRun.put("createdBy", run.createdBy());
        jobRun.put("createdAt", run.createdAt().toString());
        jobRun.put("updatedAt", attempt.updatedAt().toString());
        jobRun.put("executionRole", run.spec().executionRoleArn());
        jobRun.put("state", attempt.state().name());
        jobRun.put("stateDetails", attempt.stateDetails());
        jobRun.put("releaseLabel", run.releaseLabel());
        Outputs.copy(spec, "configurationOverrides", jobRun);
        Outputs.copy(spec, "jobDriver", jobRun);
        Outputs.copy(spec, "executionTimeoutMinutes", jobRun);
        Outputs.copy(spec, "mode", jobRun);
        Outputs.copy(spec, "retryPolicy", jobRun);
        applications.find(run.applicationId())
                .map(application -> application.configuration().document().get("networkConfiguration"))
                .ifPresent(network -> jobRun.set("networkConfiguration", network));
        ObjectNode tagMap = jobRun.putObject("tags");
        tags.tagsOf(run.arn()).forEach(tagMap::put);

        Instant now = clock.instant();
        JobRunUsage.Figures figures = usage.of(run, attempt, now);
        jobRun.set("totalResourceUtilization", Outputs.utilization(figures.total()));
        if (attempt.state().isTerminal()) {
            jobRun.set("billedResourceUtilization", Outputs.utilization(figures.billed()));
        }
        attempt.startedAt().ifPresent(started -> {
            jobRun.put("startedAt", started.toString());
            Instant end = attempt.endedAt().orElse(now);
            jobRun.put("totalExecutionDurationSeconds", Math.max(0, Duration.between(started, end).toSeconds()));
        });
        if (attempt.startedAt().isEmpty()) {
            jobRun.put("totalExecutionDurationSeconds", 0);
        }
        attempt.endedAt().ifPresent(ended -> jobRun.put("endedAt", ended.toString()));
        jobRun.put("attempt", attempt.attempt());
        jobRun.put("attemptCreatedAt", attempt.createdAt().toString());
        jobRun.put("attemptUpdatedAt", attempt.updatedAt().toString());
        return jobRun;
    }

    private ObjectNode list(OperationCall call)
    {
        ObjectNode input = call.input();
        JobRunService.JobRunFilter filter = new JobRunService.JobRunFilter(
                Inputs.enumList(input.get("states"), JobRunState.class),
                Inputs.optionalInstant(input, "createdAtAfter"),
                Inputs.optionalInstant(input, "createdAtBefore"),
                Inputs.optionalText(input, "mode"));
        Page<JobRun> page = jobRuns.list(Inputs.applicationId(input), filter, Inputs.optionalText(input, "nextToken"), Inputs.optionalInt(input, "maxResults"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode summaries = output.putArray("jobRuns");
        for (JobRun run : page.items()) {
            JobRunAttempt latest = jobRuns.attempt(run, Optional.empty());
            ObjectNode summary = summary(summaries.addObject(), run, latest, node -> node.put("createdAt", run.createdAt().toString()));
            summary.put("attemptCreatedAt", latest.createdAt().toString());
            summary.put("attemptUpdatedAt", latest.updatedAt().toString());
        }
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }

    private ObjectNode listAttempts(OperationCall call)
    {
        ObjectNode input = call.input();
        ApplicationId applicationId = Inputs.applicationId(input);
        JobRun run = jobRuns.get(applicationId, Inputs.jobRunId(input));
        Page<JobRunAttempt> page = jobRuns.listAttempts(applicationId, run.id(), Inputs.optionalText(input, "nextToken"), Inputs.optionalInt(input, "maxResults"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode summaries = output.putArray("jobRunAttempts");
        for (JobRunAttempt attempt : page.items()) {
            summary(summaries.addObject(), run, attempt, node -> node
                    .put("jobCreatedAt", run.createdAt().toString())
                    .put("createdAt", attempt.createdAt().toString()));
        }
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }

    private ObjectNode cancel(OperationCall call)
    {
        Optional<Duration> grace = shutdownGrace(Inputs.optionalInt(call.input(), "shutdownGracePeriodInSeconds"));
        JobRun run = jobRuns.cancel(Inputs.applicationId(call.input()), Inputs.jobRunId(call.input()), grace);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("applicationId", run.applicationId().value());
        output.put("jobRunId", run.id().value());
        return output;
    }

    /**
     * The model types shutdownGracePeriodInSeconds as a bare integer; its range is in AWS's EMR Serverless User Guide
     * ("Job run cancellation with grace period"): 0 terminates at once, otherwise 15 to 1800 seconds.
     */
    private static Optional<Duration> shutdownGrace(Optional<Integer> seconds)
    {
        if (seconds.isPresent() && seconds.get() != 0 && (seconds.get() < 15 || seconds.get() > 1800)) {
            throw EmrysException.validation("Value '%d' at 'shutdownGracePeriodInSeconds' failed to satisfy constraint: Member must be 0 or between 15 and 1800, inclusive"
                    .formatted(seconds.get()));
        }
        return seconds.map(Duration::ofSeconds);
    }

    private ObjectNode dashboard(OperationCall call)
    {
        JobRun run = jobRuns.get(Inputs.applicationId(call.input()), Inputs.jobRunId(call.input()));
        JobRunAttempt attempt = jobRuns.attempt(run, Inputs.optionalInt(call.input(), "attempt"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("url", dashboards.urlFor(run, attempt));
        return output;
    }

    /**
     * The members a JobRunSummary and a JobRunAttemptSummary share, in the order both list them; they differ only
     * in their creation times, which {@code createdAt} adds.
     */
    private static ObjectNode summary(ObjectNode summary, JobRun run, JobRunAttempt attempt, Consumer<ObjectNode> createdAt)
    {
        summary.put("applicationId", run.applicationId().value());
        summary.put("id", run.id().value());
        run.spec().name().ifPresent(name -> summary.put("name", name));
        summary.put("mode", run.spec().mode());
        summary.put("arn", run.arn());
        summary.put("createdBy", run.createdBy());
        createdAt.accept(summary);
        summary.put("updatedAt", attempt.updatedAt().toString());
        summary.put("executionRole", run.spec().executionRoleArn());
        summary.put("state", attempt.state().name());
        summary.put("stateDetails", attempt.stateDetails());
        summary.put("releaseLabel", run.releaseLabel());
        summary.put("type", "Spark");
        summary.put("attempt", attempt.attempt());
        return summary;
    }
}
