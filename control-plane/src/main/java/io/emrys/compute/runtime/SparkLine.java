package io.emrys.compute.runtime;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A Spark line this build serves: its Scala binary version and the build modules that prebuild its runtime and
 * its driver agent. Spark's internal APIs (standalone Master and Worker, listeners, the Connect service) and Scala
 * itself are binary-incompatible across lines, so everything that runs inside a driver is built once per line.
 */
public record SparkLine(String name, String scalaBinaryVersion, String runtimeModule, String agentModule)
{
    public static final SparkLine SPARK_3_5 = new SparkLine("3.5", "2.12", "spark-3.5", "driver-agent-spark-3.5");
    public static final SparkLine SPARK_4_0 = new SparkLine("4.0", "2.13", "spark-4.0", "driver-agent");

    public static final List<SparkLine> SERVED = List.of(SPARK_3_5, SPARK_4_0);

    public SparkLine
    {
        requireNonNull(name, "name is null");
        requireNonNull(scalaBinaryVersion, "scalaBinaryVersion is null");
        requireNonNull(runtimeModule, "runtimeModule is null");
        requireNonNull(agentModule, "agentModule is null");
    }

    /** The served line of a Spark version ({@code 3.5.5} is on line 3.5), if this build serves it. */
    public static Optional<SparkLine> of(String sparkVersion)
    {
        return SERVED.stream().filter(line -> sparkVersion.startsWith(line.name() + ".")).findFirst();
    }

    @Override
    public String toString()
    {
        return "Spark " + name;
    }
}
