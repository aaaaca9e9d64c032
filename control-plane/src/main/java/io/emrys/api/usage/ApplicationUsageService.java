package io.emrys.api.usage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.AbstractHttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.emrys.application.Application;
import io.emrys.application.ApplicationService;
import io.emrys.common.ApplicationId;
import io.emrys.metering.Meter;
import io.emrys.metering.ResourcesInUse;
import io.emrys.metering.WorkerDao;
import io.emrys.pool.Capacity;
import io.emrys.pool.ComputePools;
import io.emrys.pool.WorkerSizes;
import io.emrys.store.Transactions;
import java.util.Optional;

/**
 * {@code GET /usage/applications/<applicationId>}: the application's workers running now (count, vCPU, memory,
 * disk), the capacity its drivers have reserved for themselves and the executors they may scale into, and its
 * maximum ({@code maximumCapacity}, or Emrys's default ceiling). The AWS API has no such operation, which is why
 * it lives beside it; errors use the same JSON shape as the API's.
 */
public final class ApplicationUsageService
        extends AbstractHttpService
{
    public static final String PREFIX = "/usage/applications/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationService applications;
    private final Transactions transactions;
    private final WorkerDao workers;
    private final ComputePools pools;

    public ApplicationUsageService(ApplicationService applications, Transactions transactions, WorkerDao workers, ComputePools pools)
    {
        this.applications = requireNonNull(applications, "applications is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.pools = requireNonNull(pools, "pools is null");
    }

    @Override
    protected HttpResponse doGet(ServiceRequestContext ctx, HttpRequest request)
    {
        String id = request.path().substring(PREFIX.length());
        Optional<Application> found = id.isEmpty() || id.contains("/") ? Optional.empty() : applications.find(new ApplicationId(id));
        if (found.isEmpty()) {
            ObjectNode error = JSON.createObjectNode().put("message", "Application " + id + " does not exist");
            return HttpResponse.builder().status(HttpStatus.NOT_FOUND).header("X-Amzn-ErrorType", "ResourceNotFoundException")
                    .content(MediaType.JSON_UTF_8, error.toString()).build();
        }
        Application application = found.get();
        ResourcesInUse current = Meter.current(transactions.read(handle -> workers.forApplication(handle, application.id().value())));
        ObjectNode body = JSON.createObjectNode().put("applicationId", application.id().value()).put("state", application.state().name());
        body.putObject("current").put("workers", current.workers()).put("vCPU", current.vcpu()).put("memoryGB", current.memoryGb()).put("diskGB", current.diskGb());
        capacity(body.putObject("reserved"), pools.reserved(application.id()));
        capacity(body.putObject("maximum"), WorkerSizes.maximum(application.configuration()));
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body.toString());
    }

    private static void capacity(ObjectNode node, Capacity capacity)
    {
        node.put("vCPU", capacity.vcpu()).put("memoryGB", capacity.memoryGb());
        if (Double.isFinite(capacity.diskGb())) {
            node.put("diskGB", capacity.diskGb());
        }
    }
}
