/** Resource tags by ARN. Start at {@link io.emrys.tagging.TagService}. */
package io.emrys.tagging;
