package io.emrys.common;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a user submitted to start some work (a job run, a session), kept as the model's document so that the Get
 * operation returns it exactly, with the members every kind of work has. Immutable: the document is copied in and
 * out; subclasses read it through {@link #node()} only.
 */
public abstract class SubmittedSpec
{
    private final ObjectNode document;

    protected SubmittedSpec(ObjectNode document)
    {
        this.document = requireNonNull(document, "document is null");
    }

    /** The submitted members, as stored and returned. */
    public final ObjectNode document()
    {
        return document.deepCopy();
    }

    public final Optional<String> name()
    {
        JsonNode name = document.get("name");
        return name == null ? Optional.empty() : Optional.of(name.asText());
    }

    public final String executionRoleArn()
    {
        return document.path("executionRoleArn").asText();
    }

    /** The document itself, for a subclass's typed accessors; never handed out. */
    protected final ObjectNode node()
    {
        return document;
    }
}
