package io.emrys.api.serverless;

import io.emrys.api.protocol.OperationHandler;
import io.emrys.common.Account;
import io.emrys.application.ApplicationService;
import io.emrys.jobrun.JobRunService;
import io.emrys.tagging.TagService;
import io.emrys.session.Session;
import io.emrys.session.SessionService;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The EMR Serverless operations, by name, for the protocol layer to serve from the model. Each handler converts
 * the validated input document to domain calls and the result back to the output document.
 */
public final class ServerlessOperations
{
    private ServerlessOperations() {}

    public static Map<String, OperationHandler> handlers(ApplicationService applications, JobRunService jobRuns, TagService tags,
            JobRunUsage usage, Dashboards dashboards, Clock clock)
    {
        Map<String, OperationHandler> handlers = new HashMap<>();
        new ApplicationOperations(applications, tags).register(handlers);
        new JobRunOperations(jobRuns, applications, tags, usage, dashboards, clock).register(handlers);
        new TagOperations(tags).register(handlers);
        return Map.copyOf(handlers);
    }

    /** The job-run operations plus the six interactive-session operations. */
    public static Map<String, OperationHandler> handlers(ApplicationService applications, JobRunService jobRuns, SessionService sessions,
            TagService tags, JobRunUsage usage, Dashboards dashboards, Supplier<URI> gatewayEndpoint, Clock clock)
    {
        Map<String, OperationHandler> handlers = new HashMap<>(handlers(applications, jobRuns, tags, usage, dashboards, clock));
        new SessionOperations(sessions, applications, tags, gatewayEndpoint, dashboards::urlFor, clock).register(handlers);
        return Map.copyOf(handlers);
    }

    /**
     * {@code handlers} with StartJobRun and StartSession refusing code from local paths for every caller but the
     * account's root identity ({@link SubmissionSources}).
     */
    public static Map<String, OperationHandler> limitingCodeSources(Map<String, OperationHandler> handlers, Account account)
    {
        SubmissionSources sources = new SubmissionSources(account);
        Map<String, OperationHandler> limited = new HashMap<>(handlers);
        for (String operation : List.of("StartJobRun", "StartSession")) {
            OperationHandler handler = handlers.get(operation);
            if (handler != null) {
                limited.put(operation, call -> {
                    sources.check(call.caller(), call.input());
                    return handler.handle(call);
                });
            }
        }
        return Map.copyOf(limited);
    }
}
