/**
 * Small values shared by every resource package: the {@link io.emrys.common.Account} that ARNs are built from,
 * id generation, pagination tokens, request fingerprints and helpers for JSON documents.
 * <p>Layering: may use only {@code error}: every layer uses it.
 */
package io.emrys.common;
