/**
 * Authentication of API requests with AWS Signature Version 4.
 *
 * <p>Start at {@link io.emrys.api.auth.SigV4AuthDecorator}, the Armeria decorator mounted in front of the API:
 * it turns a request into a {@link io.emrys.api.auth.SignableRequest}, asks {@link io.emrys.api.auth.SigV4Verifier}
 * to check it against the {@link io.emrys.api.auth.CredentialStore} and the endpoint's
 * {@link io.emrys.api.auth.EndpointScope} (service, region, signed payload), and leaves the verified
 * {@link io.emrys.common.Caller} in {@link io.emrys.api.auth.AuthAttributes}. Failures are
 * {@link io.emrys.api.auth.AuthenticationException}s with a typed {@link io.emrys.api.auth.AuthFailureReason}
 * that names the AWS error code. {@link io.emrys.common.AccessKeyGenerator} creates new keys.
 * <p>Layering: part of the {@code api} layer: may use the layers below it; used by {@code server} and by the edge adapters that implement its ports ({@code iam}, {@code objectstore}).
 */
package io.emrys.api.auth;
