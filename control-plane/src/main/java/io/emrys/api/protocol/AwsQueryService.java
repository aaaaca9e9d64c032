package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * Serves every operation of one awsQuery Smithy service (IAM, STS) over Armeria, driven by the model. The protocol
 * ignores the path, so it can live at any prefix: {@link #mount} puts it (decorated, say, with SigV4) at
 * {@code /iam}, and clients are pointed at {@code http://host:port/iam}. The service shape must carry
 * {@code @awsQuery}. Validation failures default to {@link ValidationStyle#AWS_QUERY}: IAM and STS answer
 * {@code ValidationError}.
 */
public final class AwsQueryService
        extends ModeledService
{
    private AwsQueryService(Builder builder)
    {
        super(builder.adapter(new AwsQueryCodec(builder.model, builder.service, builder.errors, builder.validationStyle)));
    }

    /**
     * Mounts {@code service} (this service, or it decorated) at {@code prefix} itself and everything under it: clients
     * post to the endpoint's path exactly ({@code /iam}), which Armeria's {@code serviceUnder} alone does not match.
     *
     * @param prefix such as {@code /iam}, without a trailing slash
     */
    public static void mount(ServerBuilder server, String prefix, HttpService service)
    {
        requireNonNull(server, "server is null");
        requireNonNull(service, "service is null");
        if (!requireNonNull(prefix, "prefix is null").startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("A mount prefix starts with / and does not end with one: " + prefix);
        }
        server.service(prefix, service);
        server.serviceUnder(prefix + "/", service);
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
