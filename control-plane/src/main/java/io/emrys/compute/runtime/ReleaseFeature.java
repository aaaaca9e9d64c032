package io.emrys.compute.runtime;

/**
 * Behaviour that AWS ties to a release label. The first label of each comes from the catalog file
 * ({@code feature} rows, each citing AWS's page), not from code.
 */
public enum ReleaseFeature
{
    /** StartSession (Spark Connect sessions) on the application. */
    INTERACTIVE_SESSIONS("interactive-sessions"),
    /** Job concurrency and queuing on without a schedulerConfiguration in the request. */
    JOB_QUEUING_BY_DEFAULT("job-queuing-by-default");

    private final String key;

    ReleaseFeature(String key)
    {
        this.key = key;
    }

    public String key()
    {
        return key;
    }

    static ReleaseFeature ofKey(String key)
    {
        for (ReleaseFeature feature : values()) {
            if (feature.key.equals(key)) {
                return feature;
            }
        }
        throw new IllegalArgumentException("unknown release feature: " + key);
    }
}
