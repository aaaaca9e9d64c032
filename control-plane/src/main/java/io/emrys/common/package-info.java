/**
 * Small values shared by every resource package: the {@link io.emrys.common.Account} that ARNs are built from,
 * id generation and pagination tokens.
 */
package io.emrys.common;
