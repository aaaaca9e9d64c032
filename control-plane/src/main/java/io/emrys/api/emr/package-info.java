/**
 * The EMR (on EC2) API's handlers, served over awsJson1_1 ({@code X-Amz-Target: ElasticMapReduce.<Operation>},
 * signing name {@code elasticmapreduce}) from the model {@code emr-2009-03-31.json}. Start at
 * {@link io.emrys.api.emr.EmrOperations}; {@link io.emrys.api.emr.EmrErrors} names the model's error shapes and
 * {@link io.emrys.api.emr.EmrAccessRules} the permissions ({@code elasticmapreduce:<Operation>} on the cluster's ARN).
 * Two operations have their own files: {@code SupportedInstanceTypes} (ListSupportedInstanceTypes) and
 * {@code JobFlowDescriptions} (the deprecated DescribeJobFlows and its JobFlowDetail shape).
 *
 * <p>Layering: part of the {@code api} layer; calls the {@code cluster} resource service only (ListSupportedInstanceTypes
 * reads the {@code compute.nodes.InstanceType} values it returns).
 */
package io.emrys.api.emr;
