package io.emrys.common;

/**
 * The vCPU, memory and disk of one worker (a driver or an executor), as EMR Serverless sizes and bills workers.
 */
public record WorkerSize(double vcpu, double memoryGb, double diskGb) {}
