package io.emrys.application;

/**
 * Decides whether Emrys can serve an application's configuration (its release label's runtime exists, its
 * runtime configuration uses classifications Emrys knows); implemented over the compute layer so that this
 * package does not depend on how runtimes are built.
 */
@FunctionalInterface
public interface ConfigurationPolicy
{
    /** Throws a VALIDATION {@link io.emrys.error.EmrysException} naming what cannot be served. */
    void requireServable(ApplicationConfiguration configuration);
}
