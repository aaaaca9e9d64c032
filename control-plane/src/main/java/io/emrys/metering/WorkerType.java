package io.emrys.metering;

/** The role of a worker process, as in EMR Serverless's initial capacity keys. */
public enum WorkerType
{
    DRIVER,
    EXECUTOR
}
