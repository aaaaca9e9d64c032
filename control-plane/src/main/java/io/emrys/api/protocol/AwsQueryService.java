package io.emrys.api.protocol;

import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * Serves every operation of one awsQuery Smithy service (IAM, STS) over Armeria, driven by the model. The protocol
 * ignores the path, so mount it at any prefix, e.g. {@code serverBuilder.serviceUnder("/iam", service)}, and
 * point clients at {@code http://host:port/iam}. The service shape must carry {@code @awsQuery}. Validation
 * failures default to {@link ValidationStyle#AWS_QUERY}: IAM and STS answer {@code ValidationError}.
 */
public final class AwsQueryService
        extends ModeledService
{
    private AwsQueryService(Builder builder)
    {
        super(builder.adapter(new AwsQueryCodec(builder.model, builder.service, builder.errors, builder.validationStyle)));
    }

    /** @param errors the service's names for {@link io.emrys.error.ErrorCode}s, such as {@code io.emrys.api.iam.IamErrors} */
    public static Builder builder(Model model, ShapeId service, ServiceErrors errors)
    {
        return new Builder(model, service, errors);
    }

    /** The options of {@link ServiceBuilder}; awsQuery has no wire options of its own. */
    public static final class Builder
            extends ServiceBuilder<Builder>
    {
        private Builder(Model model, ShapeId service, ServiceErrors errors)
        {
            super(model, service, errors);
            validationStyle(ValidationStyle.AWS_QUERY);
        }

        @Override
        Builder self()
        {
            return this;
        }

        public AwsQueryService build()
        {
            return new AwsQueryService(this);
        }
    }
}
