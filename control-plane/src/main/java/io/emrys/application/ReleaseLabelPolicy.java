package io.emrys.application;

/**
 * Decides whether Emrys can serve a release label; implemented by the compute layer's runtime catalog so that
 * this package does not depend on how runtimes are built.
 */
@FunctionalInterface
public interface ReleaseLabelPolicy
{
    /** Throws a VALIDATION {@link io.emrys.error.EmrysException} listing the supported labels when it cannot. */
    void requireServable(String releaseLabel);
}
