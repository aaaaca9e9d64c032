package io.emrys.common;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What a user submitted to start some work (a job run, a session), kept as the model's document so that the Get
 * operation returns it exactly, with the members every kind of work has. Immutable: the document is copied in and
 * out; subclasses read it through {@link #node()} only.
 * <p>
 * Held as its JSON bytes, not as a tree: every stored run and session keeps its spec in memory for as long as the
 * server runs, and a Jackson tree of a typical StartJobRun costs several times its text (a map, a node and a string
 * per member). A read parses it again, which costs about what the copy every read made before did.
 */
public abstract class SubmittedSpec
{
    // configured once here and never changed: Jackson's mappers are safe to share once configured
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] json;

    protected SubmittedSpec(ObjectNode document)
    {
        requireNonNull(document, "document is null");
        try {
            this.json = JSON.writeValueAsBytes(document);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The submitted members, as stored and returned (a new tree each time: the caller may change it). */
    public final ObjectNode document()
    {
        try {
            return (ObjectNode) JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException("a stored spec no longer parses", e);
        }
    }

    public final Optional<String> name()
    {
        JsonNode name = document().get("name");
        return name == null ? Optional.empty() : Optional.of(name.asText());
    }

    public final String executionRoleArn()
    {
        return document().path("executionRoleArn").asText();
    }

    /** The document, for a subclass's typed accessors. */
    protected final ObjectNode node()
    {
        return document();
    }
}
