package io.emrys.common;

/** The role of a worker process, as EMR Serverless names them in its worker configurations and initial capacity keys. */
public enum WorkerType
{
    DRIVER,
    EXECUTOR
}
