/**
 * The audit trail, in the spirit of CloudTrail: every API call with who made it, the action, the resource, the
 * source address, the request id and whether it was allowed. Start at {@link io.emrys.audit.AuditTrail} (records in
 * the background, queries) and {@link io.emrys.audit.AuditEvent}; the operator reads it with {@code emrys admin audit}.
 * <p>Layering: a resource service: may use {@code store}, {@code common} and {@code error} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.audit;
