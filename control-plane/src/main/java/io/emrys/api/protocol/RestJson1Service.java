package io.emrys.api.protocol;

import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * Serves every operation of one restJson1 Smithy service over Armeria, driven by the model: mount it with
 * {@code serverBuilder.serviceUnder("/", service)}. {@link AwsJson11Service} is its awsJson1_1 sibling.
 */
public final class RestJson1Service
        extends ModeledService
{
    private RestJson1Service(Builder builder)
    {
        super(builder.adapter(new RestJson1Codec(builder.model, builder.service, builder.errors, builder.validationStyle, builder.strictMediaTypes)));
    }

    /** @param errors the service's names for {@link io.emrys.error.ErrorCode}s */
    public static Builder builder(Model model, ShapeId service, ServiceErrors errors)
    {
        return new Builder(model, service, errors);
    }

    /** The shared options of {@link ServiceBuilder} and restJson1's media-type strictness. */
    public static final class Builder
            extends ServiceBuilder<Builder>
    {
        private boolean strictMediaTypes;

        private Builder(Model model, ShapeId service, ServiceErrors errors)
        {
            super(model, service, errors);
        }

        @Override
        Builder self()
        {
            return this;
        }

        /**
         * Reject a Content-Type or Accept that does not fit the operation (415/406) as the compliance suite
         * expects. Off by default: the AWS CLI sends {@code {}} as application/json even to operations with
         * no body, and AWS accepts that.
         */
        public Builder strictMediaTypes(boolean strict)
        {
            this.strictMediaTypes = strict;
            return this;
        }

        public RestJson1Service build()
        {
            return new RestJson1Service(this);
        }
    }
}
