/**
 * EMR (on EC2) clusters: a cluster is a Spark standalone cluster of this machine's processes, with steps run in
 * order, up to its StepConcurrencyLevel at once (ModifyCluster changes it; 1 unless asked). Start at {@link io.emrys.cluster.ClusterService} (the API's operations, decide, commit,
 * apply), then {@link io.emrys.cluster.ClusterRunner} (one thread per live cluster: starts the nodes, runs the
 * steps, terminates) and {@link io.emrys.cluster.EmrCluster} (the stored document: the cluster with its instance
 * groups, instances and steps, under the EMR model's member names).
 *
 * <p>Applications and configurations: {@link io.emrys.cluster.ClusterConfigurations} checks RunJobFlow's
 * {@code Configurations} (kept as given in {@link io.emrys.cluster.ClusterSpec}) and {@link io.emrys.cluster.StepSettings}
 * turns them, with the Hive application's {@link io.emrys.cluster.HiveMetastore} (an embedded Derby metastore in
 * the cluster's folder, shared by its steps one at a time), into each step driver's properties and environment.
 *
 * <p>Instance groups: ModifyInstanceGroups sets a CORE or TASK group's count and marks it RESIZING; the runner
 * starts the new workers (RUNNING once registered with the master) or stops the newest ones, then the group is
 * RUNNING again. AddInstanceGroups adds TASK groups (or a CORE group when there is none) to a RUNNING or WAITING
 * cluster: PROVISIONING, BOOTSTRAPPING while their workers start, RUNNING once every one registered with the
 * master. No graceful decommissioning yet.
 *
 * <p>Auto-termination: a kept-alive cluster with an {@link io.emrys.cluster.AutoTerminationPolicy} (RunJobFlow or
 * PutAutoTerminationPolicy; stored in its own table) ends TERMINATED (ALL_STEPS_COMPLETED) once it has been WAITING
 * with no step pending or running for the policy's IdleTimeout, on the injected clock.
 *
 * <p>Managed scaling: with a {@link io.emrys.cluster.ManagedScalingPolicy} (RunJobFlow or PutManagedScalingPolicy;
 * its own table) the runner resizes the CORE group and the first TASK group through ModifyInstanceGroups' path, as
 * {@link io.emrys.cluster.ScalingDecision} decides: to the maximum while a step is pending or running (CORE first, up
 * to MaximumCoreCapacityUnits, the rest TASK; no TASK group is created), to the minimum once the cluster has been
 * idle for a minute on the injected clock.
 *
 * <p>Bootstrap actions: {@link io.emrys.cluster.BootstrapRun} runs them (BOOTSTRAPPING) on each instance, master first,
 * before any node process starts; a failing one ends the cluster with BOOTSTRAP_FAILURE. Instances added later by a
 * resize do not run them.
 *
 * <p>Concurrent steps: with StepConcurrencyLevel above 1, AddJobFlowSteps takes only ActionOnFailure CONTINUE, and a
 * step that fails (one added before the level was raised, say) cancels nothing and ends nothing, as AWS documents.
 *
 * <p>States: STARTING (nodes starting; BOOTSTRAPPING first when there are bootstrap actions) → RUNNING (a step runs) ⇄ WAITING (none left, KeepJobFlowAliveWhenNoSteps)
 * → TERMINATING → TERMINATED (ALL_STEPS_COMPLETED, USER_REQUEST) or TERMINATED_WITH_ERRORS (STEP_FAILURE,
 * INSTANCE_FAILURE, INTERNAL_ERROR, BOOTSTRAP_FAILURE); BOOTSTRAPPING only while bootstrap actions run. A cluster
 * whose processes were lost with a control plane restart ends TERMINATED_WITH_ERRORS (INTERNAL_ERROR) at
 * recovery; its nodes are not re-adopted.
 *
 * <p>Layering: a resource service: uses {@code compute.nodes} (through its {@code ClusterNodes} port),
 * {@code compute.runtime}, {@code store}, {@code error} and {@code common}; its logs leave through the
 * {@link io.emrys.cluster.StepLogs} port, which the server implements with the object store.
 */
package io.emrys.cluster;
