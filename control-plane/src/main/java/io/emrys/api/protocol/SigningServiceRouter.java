package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.emrys.api.auth.AuthAttributes;
import java.util.Map;

/**
 * Serves several AWS services at one path, choosing each request's service by the signing name its SigV4
 * credential scope carries ({@link AuthAttributes#SIGNING_SERVICE}), as AWS's hosts tell them apart. Needed
 * because the AWS SDK for Java v2 sends every awsQuery request (IAM, STS) to {@code /} whatever path its endpoint
 * override has (aws/aws-sdk-java-v2#3387, open), so IAM and STS must also be served at {@code /} beside
 * EMR Serverless. Mount it behind {@code SigV4AuthDecorator}, whose scope lists the same signing names:
 * {@code serverBuilder.serviceUnder("/", router.decorate(new SigV4AuthDecorator(keys, clock,
 * EndpointScope.api(region, "emr-serverless", "iam", "sts"))))}. Immutable and thread-safe.
 */
public final class SigningServiceRouter
        implements HttpService
{
    private final Map<String, HttpService> bySigningName;

    /** @param bySigningName the service for each signing name, e.g. {@code iam}, {@code sts}, {@code emr-serverless} */
    public SigningServiceRouter(Map<String, HttpService> bySigningName)
    {
        this.bySigningName = Map.copyOf(requireNonNull(bySigningName, "bySigningName is null"));
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest request)
            throws Exception
    {
        String signingName = ctx.attr(AuthAttributes.SIGNING_SERVICE);
        HttpService service = signingName == null ? null : bySigningName.get(signingName);
        if (service == null) {
            // only a missing or misconfigured authentication decorator gets here: it refuses foreign scopes itself
            return HttpResponse.of(HttpStatus.NOT_FOUND);
        }
        return service.serve(ctx, request);
    }
}
