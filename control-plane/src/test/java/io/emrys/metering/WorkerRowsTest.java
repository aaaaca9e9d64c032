package io.emrys.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import io.emrys.store.Database;
import io.emrys.store.Transactions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class WorkerRowsTest
{
    private static final String APPLICATION = "00app";
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant END = START.plusSeconds(90);

    private final WorkerDao dao = new WorkerDao();
    @TempDir
    Path dataDir;
    private Transactions transactions;
    private WorkerRows rows;

    @BeforeEach
    void setUp()
    {
        transactions = new Transactions(Database.openSqlite(dataDir.resolve("emrys.db")));
        rows = new WorkerRows(transactions, dao);
    }

    @Test
    void recordsAStartAndAStopInTransactionsOfTheirOwn()
    {
        assertThat(rows.start(runWorker("run1-1-driver", WorkerType.DRIVER), Optional.empty())).isTrue();
        rows.stop("run1-1-driver", END, "SUCCESS");

        assertThat(ofRun1()).singleElement().satisfies(worker -> {
            assertThat(worker.startedAt()).isEqualTo(START);
            assertThat(worker.stoppedAt()).contains(END);
            assertThat(worker.stopReason()).contains("SUCCESS");
            assertThat(worker.size()).isEqualTo(new WorkerSize(2, 4, 20));
        });
    }

    @Test
    void writesInsideTheCallersTransactionRollBackWithIt()
    {
        rows.start(runWorker("run1-1-driver", WorkerType.DRIVER), Optional.empty());

        assertThatThrownBy(() -> transactions.write(handle -> {
            rows.started(handle, runWorker("run1-1-executor-1", WorkerType.EXECUTOR), Optional.empty());
            rows.stopped(handle, "run1-1-driver", END, "CANCELLED");
            throw new IllegalStateException("the transition failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(ofRun1()).singleElement().satisfies(worker -> {
            assertThat(worker.workerId()).isEqualTo("run1-1-driver");
            assertThat(worker.stoppedAt()).isEmpty();
        });
    }

    @Test
    void aReplayedStartIsRecordedOnce()
    {
        assertThat(rows.start(runWorker("run1-1-executor-1", WorkerType.EXECUTOR), Optional.empty())).isTrue();
        assertThat(rows.start(runWorker("run1-1-executor-1", WorkerType.EXECUTOR), Optional.empty())).isFalse();

        assertThat(ofRun1()).hasSize(1);
    }

    @Test
    void aStoppedRecordKeepsItsFirstEnd()
    {
        rows.start(runWorker("run1-1-driver", WorkerType.DRIVER), Optional.empty());
        rows.stop("run1-1-driver", END, "CANCELLED");
        rows.stop("run1-1-driver", END.plusSeconds(5), "lost");

        assertThat(ofRun1()).singleElement().satisfies(worker -> {
            assertThat(worker.stoppedAt()).contains(END);
            assertThat(worker.stopReason()).contains("CANCELLED");
        });
    }

    @Test
    void aSessionsWorkerIsFoundBySessionAndNotByRun()
    {
        rows.start(idleWorker("s1-session-driver", WorkerType.DRIVER), Optional.of("s1"));

        assertThat(ofSession1()).extracting(WorkerRecord::workerId).containsExactly("s1-session-driver");
        assertThat(ofApplication()).hasSize(1);
    }

    @Test
    void stopOpenIdleEndsOnlyTheOpenRecordsOfNobodysWorkers()
    {
        rows.start(idleWorker("warm1-driver", WorkerType.DRIVER), Optional.empty());
        rows.start(idleWorker("warm2-driver", WorkerType.DRIVER), Optional.empty());
        rows.stop("warm2-driver", START.plusSeconds(10), "handed to job run run1 attempt 1");
        rows.start(runWorker("run1-1-driver", WorkerType.DRIVER), Optional.empty());
        rows.start(idleWorker("s1-session-driver", WorkerType.DRIVER), Optional.of("s1"));

        assertThat(rows.stopOpenIdle(END, "the Emrys control plane restarted")).isEqualTo(1);

        List<WorkerRecord> all = transactions.read(dao::all);
        assertThat(all).filteredOn(worker -> worker.workerId().equals("warm1-driver")).singleElement()
                .satisfies(worker -> assertThat(worker.stopReason()).contains("the Emrys control plane restarted"));
        assertThat(all).filteredOn(worker -> worker.workerId().equals("warm2-driver")).singleElement()
                .satisfies(worker -> assertThat(worker.stopReason()).contains("handed to job run run1 attempt 1"));
        assertThat(all).filteredOn(worker -> worker.stoppedAt().isEmpty()).extracting(WorkerRecord::workerId)
                .containsExactlyInAnyOrder("run1-1-driver", "s1-session-driver");
    }

    @Test
    void refusesStartsThatNoWorkerCouldHave()
    {
        assertThatThrownBy(() -> rows.start(runWorker("run1-1-driver", WorkerType.DRIVER).stopped(END, "SUCCESS"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rows.start(runWorker("run1-1-driver", WorkerType.DRIVER), Optional.of("s1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(transactions.read(dao::all)).isEmpty();
    }

    private List<WorkerRecord> ofRun1()
    {
        return transactions.read(handle -> dao.forRun(handle, "run1"));
    }

    private List<WorkerRecord> ofSession1()
    {
        return transactions.read(handle -> dao.forSession(handle, "s1"));
    }

    private List<WorkerRecord> ofApplication()
    {
        return transactions.read(handle -> dao.forApplication(handle, APPLICATION));
    }

    private static WorkerRecord runWorker(String workerId, WorkerType type)
    {
        return new WorkerRecord(workerId, APPLICATION, Optional.of("run1"), Optional.of(1), type, new WorkerSize(2, 4, 20), false, START,
                Optional.empty(), Optional.empty());
    }

    private static WorkerRecord idleWorker(String workerId, WorkerType type)
    {
        return new WorkerRecord(workerId, APPLICATION, Optional.empty(), Optional.empty(), type, new WorkerSize(2, 4, 20), true, START,
                Optional.empty(), Optional.empty());
    }
}
