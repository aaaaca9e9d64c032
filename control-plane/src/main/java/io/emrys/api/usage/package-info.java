/**
 * An Emrys addition beside the AWS API: what an application's workers use now against its maximum
 * ({@link io.emrys.api.usage.ApplicationUsageService}), signed like every API call.
 */
package io.emrys.api.usage;
