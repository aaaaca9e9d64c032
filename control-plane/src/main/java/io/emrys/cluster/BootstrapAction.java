package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One of RunJobFlow's BootstrapActions: a script at {@code path} ({@code s3://}) run with {@code args} on every instance. */
public record BootstrapAction(String name, String path, List<String> args)
{
    /** AWS's limit of bootstrap actions per cluster. */
    public static final int MAX_PER_CLUSTER = 16;

    public BootstrapAction
    {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        args = List.copyOf(args);
    }
}
