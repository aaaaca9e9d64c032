package io.emrys.application;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether Emrys can serve an application's configuration (its release label is served, its runtime
 * configuration uses classifications Emrys knows) and what its release label adds to it; implemented over the
 * compute layer so that this package does not depend on how runtimes are built.
 */
@FunctionalInterface
public interface ConfigurationPolicy
{
    /** Throws a VALIDATION {@link io.emrys.error.EmrysException} naming what cannot be served. */
    void requireServable(ApplicationConfiguration configuration);

    /** A new application's configuration with what AWS turns on by default for its release label. */
    default ApplicationConfiguration withReleaseDefaults(ApplicationConfiguration configuration)
    {
        return configuration;
    }

    /** What GetApplication's stateDetails says about the label on this server (for example an operator's pin). */
    default Optional<String> releaseNote(ApplicationConfiguration configuration)
    {
        return Optional.empty();
    }

    /** Whether the label's runtime is on this server; a new application is CREATING until it is. */
    default boolean runtimeReady(ApplicationConfiguration configuration)
    {
        return true;
    }

    /**
     * Makes the label's runtime ready (assembling it on demand); completes exceptionally with a message naming what
     * could not be had. Never blocks the caller.
     */
    default CompletableFuture<Void> prepareRuntime(ApplicationConfiguration configuration)
    {
        return CompletableFuture.completedFuture(null);
    }
}
