/**
 * The error catalogue. Start at {@link io.emrys.error.ErrorCode}; services throw
 * {@link io.emrys.error.EmrysException} and the protocol layer turns it into the wire error.
 * <p>Layering: may use nothing of the control plane: every layer uses it.
 */
package io.emrys.error;
