package io.emrys.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code emr_clusters} table: one JSON document per cluster. Methods run inside the caller's transaction. */
public final class ClusterDao
{
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public void insert(Handle handle, EmrCluster cluster)
    {
        handle.createUpdate("INSERT INTO emr_clusters (cluster_id, created_at, document) VALUES (:id, :created, :document)")
                .bind("id", cluster.id())
                .bind("created", cluster.created().toEpochMilli())
                .bind("document", write(cluster))
                .execute();
    }

    public void update(Handle handle, EmrCluster cluster)
    {
        handle.createUpdate("UPDATE emr_clusters SET document = :document WHERE cluster_id = :id")
                .bind("id", cluster.id())
                .bind("document", write(cluster))
                .execute();
    }

    public List<EmrCluster> all(Handle handle)
    {
        return handle.createQuery("SELECT document FROM emr_clusters ORDER BY created_at")
                .map((rs, ctx) -> read(rs.getString("document")))
                .list();
    }

    private String write(EmrCluster cluster)
    {
        try {
            return json.writeValueAsString(cluster);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write cluster " + cluster.id(), e);
        }
    }

    private EmrCluster read(String document)
    {
        try {
            ObjectNode cluster = (ObjectNode) json.readTree(document);
            JsonNode spec = cluster.path("spec");
            // the first documents kept only spark-defaults' properties, as sparkDefaults; they are that one configuration
            if (spec instanceof ObjectNode stored && stored.has("sparkDefaults") && !stored.has("configurations")) {
                ArrayNode configurations = stored.putArray("configurations");
                if (!stored.get("sparkDefaults").isEmpty()) {
                    configurations.addObject().put("classification", "spark-defaults").set("properties", stored.get("sparkDefaults"));
                }
                stored.remove("sparkDefaults");
            }
            return json.treeToValue(cluster, EmrCluster.class);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not read a stored cluster", e);
        }
    }
}
