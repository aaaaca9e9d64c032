package io.emrys.common;

/**
 * The account-level limits of one Emrys instance, as AWS's Service Quotas hold them for an account in a Region.
 * Reaching one is a {@code ServiceQuotaExceededException} (402) for the call that would pass it.
 *
 * @param applications applications that are not deleted (TERMINATED); AWS documents no number for this, so the
 *         default is Emrys's own
 * @param concurrentVcpus vCPU that drivers and executors of every application may hold at once, counted as each
 *         application's capacity is ("Max concurrent vCPUs per account", AWS default 16); work that does not fit waits
 * @param queuedJobRuns job runs waiting to start across the account ("Max Queued Jobs Per Account", AWS default 2000)
 * @param liveSessionTokens unexpired Spark Connect endpoint tokens across the account (each GetSessionEndpoint call
 *         mints one); AWS documents no number, so the default is Emrys's own
 */
public record AccountQuotas(int applications, double concurrentVcpus, int queuedJobRuns, int liveSessionTokens)
{
    /** AWS's documented defaults where there are any (16 vCPU, 2000 queued runs), Emrys's own otherwise. */
    public static final AccountQuotas DEFAULTS = new AccountQuotas(100, 16, 2000, 1000);

    public AccountQuotas
    {
        if (applications < 1 || queuedJobRuns < 1 || liveSessionTokens < 1) {
            throw new IllegalArgumentException("quotas must be at least 1: applications %d, queued job runs %d, live session tokens %d"
                    .formatted(applications, queuedJobRuns, liveSessionTokens));
        }
        if (Double.isNaN(concurrentVcpus) || concurrentVcpus < 1) {
            throw new IllegalArgumentException("the concurrent vCPU quota must be at least 1: " + concurrentVcpus);
        }
    }

    public AccountQuotas withApplications(int value)
    {
        return new AccountQuotas(value, concurrentVcpus, queuedJobRuns, liveSessionTokens);
    }

    public AccountQuotas withConcurrentVcpus(double value)
    {
        return new AccountQuotas(applications, value, queuedJobRuns, liveSessionTokens);
    }

    public AccountQuotas withQueuedJobRuns(int value)
    {
        return new AccountQuotas(applications, concurrentVcpus, value, liveSessionTokens);
    }

    public AccountQuotas withLiveSessionTokens(int value)
    {
        return new AccountQuotas(applications, concurrentVcpus, queuedJobRuns, value);
    }
}
