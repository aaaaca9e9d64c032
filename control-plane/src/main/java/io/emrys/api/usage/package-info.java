/**
 * An Emrys addition beside the AWS API: what an application's workers use now against its maximum
 * ({@link io.emrys.api.usage.ApplicationUsageService}), signed like every API call.
 * <p>Layering: part of the {@code api} layer: may use the services, {@code pool}, {@code metering} and {@code store}.
 */
package io.emrys.api.usage;
