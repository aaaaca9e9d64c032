package io.emrys.session;

import io.emrys.application.ApplicationService;
import io.emrys.common.DaemonThreads;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRows;
import io.emrys.store.ServiceContext;
import io.emrys.tagging.TagService;
import io.emrys.workload.DriverSupervisor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sessions, assembled: the service with its own threads and driver supervisor. The server builds it over the
 * Spark runtimes; tests build it over a fake at the process edge ({@link SessionDrivers}).
 */
public record SessionModule(SessionService service, ExecutorService threads)
        implements AutoCloseable
{
    /**
     * @param sessionsRoot where sessions' work dirs go ({@code <sessionsRoot>/<applicationId>/sessions/<sessionId>})
     * @param stopGrace how long a terminated session's driver has between SIGTERM and SIGKILL
     */
    public static SessionModule create(ServiceContext context, ApplicationService applications, TagService tags, SessionDrivers drivers,
            WorkerDao workers, SessionService.SessionLogPublisher logs, Path sessionsRoot, Duration stopGrace)
    {
        ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("session"));
        DriverSupervisor supervisor = new DriverSupervisor(new WorkerRows(context.transactions(), workers), context.clock(), threads, stopGrace);
        SessionService service = new SessionService(context, new SessionDao(context.json()), workers, applications, drivers, supervisor, tags, threads,
                sessionsRoot, logs);
        return new SessionModule(service, threads);
    }

    /** Terminates the live sessions and waits for their drivers, then stops the threads. */
    @Override
    public void close()
    {
        service.close();
        threads.shutdown();
    }
}
