package io.emrys.compute.driver;

/** The role of a worker JVM, as EMR Serverless names them in its worker configurations. */
public enum WorkerType
{
    DRIVER,
    EXECUTOR
}
