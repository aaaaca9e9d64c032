package io.emrys.api.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.cluster.ClusterService;
import io.emrys.common.Page;
import io.emrys.compute.nodes.InstanceType;
import io.emrys.error.EmrysException;

import java.util.List;
import java.util.Optional;

/**
 * ListSupportedInstanceTypes: the instance catalog for a served release label, in the model's SupportedInstanceType
 * shape, a page at a time by Marker. AWS does not document its page size; this one is small enough that the
 * catalog takes more than one page, so clients walk their Marker loop here as they must on AWS.
 */
final class SupportedInstanceTypes
{
    static final int PAGE_SIZE = 20;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ClusterService clusters;

    SupportedInstanceTypes(ClusterService clusters)
    {
        this.clusters = requireNonNull(clusters, "clusters is null");
    }

    ObjectNode list(OperationCall call)
    {
        ObjectNode input = call.input();
        if (!input.hasNonNull("ReleaseLabel")) {
            throw EmrysException.validation("1 validation error detected: Value null at 'releaseLabel' failed to satisfy constraint: Member must not be null");
        }
        List<InstanceType> types = clusters.supportedInstanceTypes(input.get("ReleaseLabel").asText());
        Optional<String> marker = input.hasNonNull("Marker") ? Optional.of(input.get("Marker").asText()) : Optional.empty();
        return page(types, marker, PAGE_SIZE);
    }

    /** One page of {@code types} (the catalog's order) after {@code marker}, with the Marker of the next if there is one. */
    static ObjectNode page(List<InstanceType> types, Optional<String> marker, int pageSize)
    {
        Page<InstanceType> page;
        try {
            page = Page.of(types, type -> "%06d".formatted(types.indexOf(type)), marker, Optional.of(pageSize));
        }
        catch (RuntimeException e) {
            // InvalidRequestException, the one client error the operation declares (Page itself says ValidationException)
            throw EmrysException.notFound("The marker is not valid: " + marker.orElse(""));
        }
        ArrayNode listed = NODES.arrayNode();
        page.items().forEach(type -> listed.add(shape(type)));
        ObjectNode output = NODES.objectNode().set("SupportedInstanceTypes", listed);
        page.nextToken().ifPresent(next -> output.put("Marker", next));
        return output;
    }

    /** AWS's figures: MemoryGB in GiB, StorageGB the instance store (0 when EBS only); every family here is Nitro. */
    static ObjectNode shape(InstanceType type)
    {
        return NODES.objectNode()
                .put("Type", type.name())
                .put("MemoryGB", type.memoryMib() / 1024f)
                .put("StorageGB", type.instanceStorageGb())
                .put("VCPU", type.vcpus())
                .put("Is64BitsOnly", true)
                .put("InstanceFamilyId", type.family())
                .put("EbsOptimizedAvailable", true)
                .put("EbsOptimizedByDefault", true)
                .put("NumberOfDisks", type.disks())
                .put("EbsStorageOnly", type.ebsStorageOnly())
                .put("Architecture", type.architecture());
    }
}
