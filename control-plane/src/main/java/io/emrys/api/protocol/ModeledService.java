package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/** An Armeria service that serves a modeled service through its protocol's {@link ArmeriaAdapter}. */
abstract class ModeledService
        implements HttpService
{
    private final ArmeriaAdapter adapter;

    ModeledService(ArmeriaAdapter adapter)
    {
        this.adapter = requireNonNull(adapter, "adapter is null");
    }

    @Override
    public final HttpResponse serve(ServiceRequestContext ctx, HttpRequest request)
    {
        return adapter.serve(ctx, request);
    }
}
