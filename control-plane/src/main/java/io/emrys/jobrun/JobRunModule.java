package io.emrys.jobrun;

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
 * Job runs, assembled: the registry over the store, the executor with its own threads and driver supervisor, and
 * the service the API calls. The server builds it over the Spark runtimes; tests build it over a fake at the
 * process edge ({@link JobRunDrivers}).
 */
public record JobRunModule(JobRunRegistry registry, JobRunExecutor executor, JobRunService service)
        implements AutoCloseable
{
    /**
     * @param runsRoot where attempts' work dirs go ({@code <runsRoot>/<applicationId>/jobs/<jobRunId>/attempt-<n>})
     * @param stopGrace how long a cancelled driver has between SIGTERM and SIGKILL
     */
    public static JobRunModule create(ServiceContext context, ApplicationService applications, TagService tags, JobRunDrivers drivers,
            WorkerDao workers, LogPublisher logs, Path runsRoot, Duration stopGrace)
    {
        JobRunDao dao = new JobRunDao(context.json());
        JobRunRegistry registry = new JobRunRegistry(context.transactions(), dao);
        ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("job-run"));
        DriverSupervisor supervisor = new DriverSupervisor(new WorkerRows(context.transactions(), workers), context.clock(), threads, stopGrace);
        JobRunExecutor executor = new JobRunExecutor(registry, applications, drivers, supervisor, logs, runsRoot, context.clock(), threads);
        JobRunService service = new JobRunService(context, dao, registry, executor, applications, drivers, tags);
        return new JobRunModule(registry, executor, service);
    }

    /** Stops the live drivers; their runs end FAILED because Emrys stopped them. */
    @Override
    public void close()
    {
        executor.close();
    }
}
