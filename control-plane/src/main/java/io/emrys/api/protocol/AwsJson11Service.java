package io.emrys.api.protocol;

import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * Serves every operation of one awsJson1_1 Smithy service (such as the EMR API, {@code ElasticMapReduce}) over
 * Armeria, driven by the model: every request is a POST to {@code /}, so mount it with
 * {@code serverBuilder.service("/", service)}. The service shape must carry {@code @awsJson1_1}.
 */
public final class AwsJson11Service
        extends ModeledService
{
    private AwsJson11Service(Builder builder)
    {
        super(builder.adapter(new AwsJson11Codec(builder.model, builder.service, builder.errors, builder.validationStyle)));
    }

    /** @param errors the service's names for {@link io.emrys.error.ErrorCode}s */
    public static Builder builder(Model model, ShapeId service, ServiceErrors errors)
    {
        return new Builder(model, service, errors);
    }

    /** The options of {@link ServiceBuilder}; awsJson1_1 has no wire options of its own. */
    public static final class Builder
            extends ServiceBuilder<Builder>
    {
        private Builder(Model model, ShapeId service, ServiceErrors errors)
        {
            super(model, service, errors);
        }

        @Override
        Builder self()
        {
            return this;
        }

        public AwsJson11Service build()
        {
            return new AwsJson11Service(this);
        }
    }
}
