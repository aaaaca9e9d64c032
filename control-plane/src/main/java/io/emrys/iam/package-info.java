/**
 * Identities. Start at {@link io.emrys.iam.AccessKeys}: the account, its root key (created at first start) and
 * the {@link io.emrys.api.auth.CredentialStore} that SigV4 verification reads. Policies and roles come later.
 */
package io.emrys.iam;
