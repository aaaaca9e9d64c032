package io.emrys.api.protocol;

import java.util.Map;
import java.util.Optional;

/**
 * The one list of compliance cases we do not run, each with the model feature it needs and why the models
 * Emrys serves (EMR Serverless, emr-containers) never use it. Cases whose {@code appliesTo} is "client" are
 * skipped by the suite runner itself and are not listed here.
 */
final class ConformanceExclusions
{
    private static final Map<String, String> EXCLUDED = Map.ofEntries();

    private ConformanceExclusions() {}

    static Optional<String> reason(String testId)
    {
        return Optional.ofNullable(EXCLUDED.get(testId));
    }

    static int size()
    {
        return EXCLUDED.size();
    }
}
