/**
 * IAM's front door: the awsQuery service {@code com.amazonaws.iam#AWSIdentityManagementV20100508} of
 * {@link io.emrys.api.protocol.SmithyModels#iam()}, served by {@link io.emrys.api.protocol.AwsQueryService}. Start at
 * {@link io.emrys.api.iam.IamOperations} (the handlers by operation name, over {@code io.emrys.iam}),
 * {@link io.emrys.api.iam.IamErrors} (the model's error for each {@link io.emrys.error.ErrorCode}) and
 * {@link io.emrys.api.iam.IamAccessRules} (the permission each operation needs). No HTTP here.
 * <p>Layering: part of the {@code api} layer, like {@code api.serverless}: may use {@code api.protocol},
 * {@code api.access} and the resource services; never a DAO of theirs (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.api.iam;
