/**
 * IAM authorization at the front door. Start at {@link io.emrys.api.access.Authorization}: it wraps a service's
 * operation handlers so that each call is checked, before its handler runs, against the permissions its service's
 * {@link io.emrys.api.access.AccessRules} name ({@code emr-serverless:StartJobRun} on the application's ARN, ...),
 * decided by {@link io.emrys.iam.AccessDecisions} with IAM's rules.
 * <p>Layering: part of the {@code api} layer: may use {@code api.protocol}, {@code iam} and {@code error}; no HTTP.
 */
package io.emrys.api.access;
