package io.emrys.compute.runtime;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A runtime folder could not be assembled. {@link #unresolved()} lists the artifacts that could not be resolved,
 * first failure first, as {@code groupId:artifactId:extension:version}; it is empty when the failure was on the
 * server's own disk. The message says which artifact failed and why, in words an operator can act on.
 */
public final class RuntimeAssemblyException
        extends RuntimeException
{
    private final List<String> unresolved;

    public RuntimeAssemblyException(String message, List<String> unresolved, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.unresolved = List.copyOf(requireNonNull(unresolved, "unresolved is null"));
    }

    public List<String> unresolved()
    {
        return unresolved;
    }
}
