package io.emrys.compute.warm;

/**
 * What a warm driver runs before it reports ready, so that the first piece of work it is handed does not pay for
 * loading and initializing Spark's code paths.
 */
public enum WarmDriverWarmUp
{
    /** One small Spark SQL query: analyzer, optimizer, code generation, shuffle, task scheduling. For jobs. */
    SPARK_SQL,
    /**
     * As {@link #SPARK_SQL}, then one query through Spark Connect over an in-process channel (no socket): Connect's
     * service, session holder, planner and Arrow results. For drivers likely to serve a session; it saves seconds
     * on a session's first query and costs a job driver only some start-up CPU and memory.
     */
    SPARK_SQL_AND_CONNECT
}
