/**
 * Resource tags by ARN. Start at {@link io.emrys.tagging.TagService}.
 * <p>Layering: may use {@code store} and {@code error}; never another resource service (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.tagging;
