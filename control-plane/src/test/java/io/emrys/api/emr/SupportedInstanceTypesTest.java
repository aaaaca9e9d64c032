package io.emrys.api.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.compute.nodes.InstanceTypes;
import io.emrys.error.EmrysException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ListSupportedInstanceTypes' SupportedInstanceType figures and Marker paging over the catalog, without a server. */
class SupportedInstanceTypesTest
{
    private final InstanceTypes catalog = new InstanceTypes();

    @Test
    void showsAwssFiguresForATypeWithInstanceStorageAndAGravitonOne()
    {
        JsonNode r5d = SupportedInstanceTypes.shape(catalog.require("r5d.2xlarge"));
        assertThat(r5d.path("Type").asText()).isEqualTo("r5d.2xlarge");
        assertThat(r5d.path("MemoryGB").floatValue()).isEqualTo(64f);
        assertThat(r5d.path("VCPU").asInt()).isEqualTo(8);
        assertThat(r5d.path("StorageGB").asInt()).isEqualTo(300);
        assertThat(r5d.path("NumberOfDisks").asInt()).isEqualTo(1);
        assertThat(r5d.path("EbsStorageOnly").asBoolean()).isFalse();
        assertThat(r5d.path("InstanceFamilyId").asText()).isEqualTo("r5d");
        assertThat(r5d.path("Architecture").asText()).isEqualTo("x86_64");
        assertThat(r5d.path("Is64BitsOnly").asBoolean()).isTrue();
        assertThat(r5d.path("EbsOptimizedAvailable").asBoolean()).isTrue();
        assertThat(r5d.path("EbsOptimizedByDefault").asBoolean()).isTrue();

        JsonNode m6g = SupportedInstanceTypes.shape(catalog.require("m6g.medium"));
        assertThat(m6g.path("MemoryGB").floatValue()).isEqualTo(4f);
        assertThat(m6g.path("StorageGB").asInt()).isZero();
        assertThat(m6g.path("NumberOfDisks").asInt()).isZero();
        assertThat(m6g.path("EbsStorageOnly").asBoolean()).isTrue();
        assertThat(m6g.path("Architecture").asText()).isEqualTo("arm64");
    }

    @Test
    void markersWalkTheWholeCatalogOnceInPages()
    {
        List<String> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        do {
            ObjectNode page = SupportedInstanceTypes.page(catalog.all(), marker, SupportedInstanceTypes.PAGE_SIZE);
            sizes.add(page.path("SupportedInstanceTypes").size());
            page.path("SupportedInstanceTypes").forEach(type -> walked.add(type.path("Type").asText()));
            marker = page.hasNonNull("Marker") ? Optional.of(page.get("Marker").asText()) : Optional.empty();
        }
        while (marker.isPresent());

        assertThat(walked).containsExactlyElementsOf(catalog.all().stream().map(type -> type.name()).toList());
        assertThat(sizes).hasSizeGreaterThan(1).allMatch(size -> size <= SupportedInstanceTypes.PAGE_SIZE);
    }

    @Test
    void aMarkerThatIsNotOneIsRefused()
    {
        assertThatThrownBy(() -> SupportedInstanceTypes.page(catalog.all(), Optional.of("%%%"), SupportedInstanceTypes.PAGE_SIZE))
                .isInstanceOf(EmrysException.class)
                .hasMessageContaining("marker");
    }
}
