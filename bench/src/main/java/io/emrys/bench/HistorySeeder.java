package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.common.JobRunId;
import io.emrys.common.ResourceIds;
import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.jobrun.JobRunDao;
import io.emrys.jobrun.JobRunState;
import io.emrys.store.Database;
import io.emrys.store.Transactions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Stored job-run history for the growth benchmark, written while the server is stopped with the control plane's own
 * {@link JobRunDao}, so the rows are exactly what the server stores: copies of a run the server made through the API,
 * each with a new id, a creation time a second before the previous one, and one attempt that ran and succeeded.
 * Through the API, 100,000 runs would take about an hour at the rates this machine accepts them, and each would start
 * Spark to end; the latencies measured afterwards go through the API as usual.
 */
final class HistorySeeder
{
    private static final int BATCH = 2_000;

    private final Path database;
    // new ids each time: a second growth step must not repeat the first one's
    private final Random random = new Random();

    HistorySeeder(Path dataDir)
    {
        this.database = requireNonNull(dataDir, "dataDir is null").resolve("emrys.db");
    }

    /** Adds finished copies of {@code template} until its application has {@code total} runs; returns how many it added. */
    int growTo(JobRun template, int total)
    {
        Transactions transactions = new Transactions(Database.openSqlite(database));
        JobRunDao dao = new JobRunDao(new ObjectMapper());
        List<JobRun> existing = transactions.read(dao::allRuns);
        long present = existing.stream().filter(run -> run.applicationId().equals(template.applicationId())).count();
        Instant oldest = existing.stream().map(JobRun::createdAt).min(Instant::compareTo).orElse(template.createdAt());
        ResourceIds ids = new ResourceIds(random);
        String arnPrefix = template.arn().substring(0, template.arn().length() - template.id().value().length());
        int added = 0;
        while (present + added < total) {
            int batch = (int) Math.min(BATCH, total - present - added);
            Instant newest = oldest.minusSeconds(1);
            transactions.write(handle -> {
                Instant created = newest;
                for (int i = 0; i < batch; i++) {
                    JobRunId id = new JobRunId(ids.next());
                    JobRun run = new JobRun(id, template.applicationId(), arnPrefix + id.value(), template.createdBy(), template.releaseLabel(),
                            template.spec(), created);
                    dao.insert(handle, run);
                    JobRunAttempt ended = JobRunAttempt.submitted(id, 1, created)
                            .to(JobRunState.RUNNING, "", created.plusSeconds(2))
                            .to(JobRunState.SUCCESS, "", created.plus(Duration.ofSeconds(20)));
                    dao.insertAttempt(handle, ended);
                    created = created.minusSeconds(1);
                }
                return null;
            });
            oldest = newest.minusSeconds(batch);
            added += batch;
        }
        return added;
    }
}
