package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One step as StepConfig gives it: HadoopJarStep's Jar, MainClass, Args and Properties, and ActionOnFailure. */
public record StepSpec(String name, String actionOnFailure, String jar, Optional<String> mainClass, List<String> args, Map<String, String> properties)
{
    public static final String COMMAND_RUNNER = "command-runner.jar";

    public StepSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(actionOnFailure, "actionOnFailure is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(mainClass, "mainClass is null");
        args = List.copyOf(args);
        properties = Map.copyOf(properties);
    }
}
