package io.emrys.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ApplicationConfigurationTest
{
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void exposesTheCapacityMembersAsGiven()
            throws IOException
    {
        ApplicationConfiguration configuration = ApplicationConfiguration.forCreate(input("""
                {"initialCapacity": {"DRIVER": {"workerCount": 1, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB"}}},
                 "maximumCapacity": {"cpu": "8 vCPU", "memory": "16 GB", "disk": "100 GB"}}
                """));

        assertThat(configuration.initialCapacity()).contains(json.readTree(
                "{\"DRIVER\": {\"workerCount\": 1, \"workerConfiguration\": {\"cpu\": \"2 vCPU\", \"memory\": \"4 GB\"}}}"));
        assertThat(configuration.maximumCapacity()).contains(json.readTree("{\"cpu\": \"8 vCPU\", \"memory\": \"16 GB\", \"disk\": \"100 GB\"}"));
    }

    @Test
    void capacityMembersAreEmptyWhenAbsentOrNull()
            throws IOException
    {
        ApplicationConfiguration configuration = ApplicationConfiguration.forCreate(input("{\"maximumCapacity\": null}"));

        assertThat(configuration.initialCapacity()).isEmpty();
        assertThat(configuration.maximumCapacity()).isEmpty();
    }

    @Test
    void capacityMembersFollowAnUpdate()
            throws IOException
    {
        ApplicationConfiguration configuration = ApplicationConfiguration.forCreate(input("{\"maximumCapacity\": {\"cpu\": \"4\", \"memory\": \"8\"}}"))
                .withUpdate(input("{\"maximumCapacity\": {\"cpu\": \"6\", \"memory\": \"12\"}}"));

        assertThat(configuration.maximumCapacity().map(node -> node.path("cpu").asText())).contains("6");
    }

    @Test
    void changingAReturnedCapacityDoesNotChangeTheConfiguration()
            throws IOException
    {
        ApplicationConfiguration configuration = ApplicationConfiguration.forCreate(input("{\"maximumCapacity\": {\"cpu\": \"4\", \"memory\": \"8\"}}"));

        JsonNode returned = configuration.maximumCapacity().orElseThrow();
        ((ObjectNode) returned).put("cpu", "400");

        assertThat(configuration.maximumCapacity().map(node -> node.path("cpu").asText())).contains("4");
    }

    private ObjectNode input(String members)
            throws IOException
    {
        ObjectNode input = (ObjectNode) json.readTree(members);
        input.put("name", "capacity").put("releaseLabel", "emr-7.12.0").put("type", "SPARK");
        return input;
    }
}
