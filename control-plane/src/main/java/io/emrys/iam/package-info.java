/**
 * IAM and STS: the account and its identities (root, users with access keys, groups, roles with trust policies),
 * managed and inline policies, AssumeRole sessions, and the access decisions made from them with IAM's rules.
 * Start at {@link io.emrys.iam.IamModule}, which builds everything over one database: {@link io.emrys.iam.AccessKeys}
 * (every usable key in memory, for SigV4), {@link io.emrys.iam.IamUsers}, {@link io.emrys.iam.IamRoles},
 * {@link io.emrys.iam.IamPolicies}, {@link io.emrys.iam.PrincipalPolicies}, {@link io.emrys.iam.RoleSessions} (STS) and
 * {@link io.emrys.iam.AccessDecisions}, which evaluates a caller's policies ({@link io.emrys.iam.EffectivePolicies})
 * with {@code io.emrys.iam.policy}. {@link io.emrys.iam.ExecutionRoleSessions} is EMR Serverless's side of execution
 * roles: whether the service may assume a role, and the role sessions runs and sessions act as. Secrets are stored sealed by {@link io.emrys.iam.SecretSealer}, whose key is a file
 * of its own; session tokens only as their SHA-256.
 * <p>Layering: a resource service: may use {@code store}, {@code common}, {@code error} and its {@code policy}
 * subpackage; never {@code api} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.iam;
