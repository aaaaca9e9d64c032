package io.emrys.application;

import io.emrys.common.ApplicationId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What an application's lifecycle needs from compute: start the workers it keeps warm, and stop every worker
 * process it holds. Implemented by {@code io.emrys.pool}; this package never sees a process.
 */
public interface ApplicationCapacity
{
    /** No pre-initialized capacity and nothing to release: applications start and stop at once. */
    ApplicationCapacity NONE = new ApplicationCapacity()
    {
        @Override
        public CompletableFuture<Optional<String>> warmUp(Application application)
        {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<Void> release(ApplicationId id)
        {
            return CompletableFuture.completedFuture(null);
        }
    };

    /**
     * Refuses to start an application whose pre-initialized capacity does not fit in what the account's quotas leave
     * free (SERVICE_QUOTA_EXCEEDED); called before anything changes. Nothing to check by default.
     */
    default void checkQuota(Application application)
    {
    }

    /**
     * Starts the application's pre-initialized capacity. Completes when it is ready, so that the application can
     * be STARTED, with a note for stateDetails when part of it could not be started (the application still
     * serves work, cold). A future that is already complete means the application is STARTED at once.
     */
    CompletableFuture<Optional<String>> warmUp(Application application);

    /** Stops every worker process of the application (warm workers and its standalone host); completes when they are gone. */
    CompletableFuture<Void> release(ApplicationId id);
}
