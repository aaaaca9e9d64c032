/**
 * Identities. Start at {@link io.emrys.iam.AccessKeys}: the account, its root key (created at first start) and
 * the {@link io.emrys.api.auth.CredentialStore} that SigV4 verification reads. Policies and roles come later.
 * <p>Layering: an edge adapter: implements {@code api.auth}'s credential store over {@code store}; wired only by {@code server} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.iam;
