/**
 * STS's front door: the awsQuery service {@code com.amazonaws.sts#AWSSecurityTokenServiceV20110615} of
 * {@link io.emrys.api.protocol.SmithyModels#sts()}, served by {@link io.emrys.api.protocol.AwsQueryService}. Start at
 * {@link io.emrys.api.sts.StsOperations} (GetCallerIdentity, AssumeRole over {@code io.emrys.iam.RoleSessions}) and
 * {@link io.emrys.api.sts.StsErrors}, the error for each {@link io.emrys.error.ErrorCode}. No HTTP here.
 * <p>Layering: part of the {@code api} layer, like {@code api.serverless}: may use {@code api.protocol} and the
 * resource services; never a DAO of theirs (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.api.sts;
