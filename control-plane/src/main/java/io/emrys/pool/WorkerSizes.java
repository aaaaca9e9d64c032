package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.emrys.application.ApplicationConfiguration;
import io.emrys.error.EmrysException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a worker's size comes from, and the application's ceiling. Each of cores, memory and disk is taken
 * separately from the first source that sets it:
 * <ol>
 *   <li>the run's Spark properties ({@code spark.driver.cores}, {@code spark.driver.memory},
 *       {@code spark.emr-serverless.driver.disk} and the {@code executor} equivalents), as on AWS;</li>
 *   <li>the application's {@code initialCapacity} {@code DRIVER} / {@code EXECUTOR} {@code workerConfiguration};</li>
 *   <li>{@link #DEFAULT_WORKER}.</li>
 * </ol>
 * Memory is the worker JVM's heap limit: {@code 4 GB} in a worker configuration launches {@code -Xmx4g}.
 */
public final class WorkerSizes
{
    /**
     * 1 vCPU, 1 GB, 20 GB disk for a driver or an executor when nothing says otherwise. AWS defaults to 4 vCPU and
     * 14 GB per worker, but Emrys runs every worker on one machine (often 2 cores): a driver and one executor at
     * AWS's size would not fit at all, let alone several runs. 1 GB of heap runs Spark's own examples and tests.
     * 20 GB disk is EMR Serverless's free per-worker storage, so the default is never billed for disk.
     */
    public static final WorkerSpec DEFAULT_WORKER = new WorkerSpec(1, 1024, 20);

    /**
     * The ceiling when an application sets no {@code maximumCapacity}: 8 vCPU, 16 GB, 400 GB disk. AWS's default is
     * its account quota (hundreds of vCPU), which on one machine would let a burst of runs start more JVMs than it has
     * memory for. 8 vCPU and 16 GB admit a default driver with several default executors, or two or three runs at
     * once, while staying below a small server's memory; 400 GB leaves disk out of the way (20 workers at 20 GB).
     */
    public static final Capacity DEFAULT_MAXIMUM = new Capacity(8, 16, 400);

    private static final Role DRIVER = new Role("DRIVER", "spark.driver.cores", "spark.driver.memory", "spark.emr-serverless.driver.disk");
    private static final Role EXECUTOR = new Role("EXECUTOR", "spark.executor.cores", "spark.executor.memory", "spark.emr-serverless.executor.disk");

    private WorkerSizes() {}

    /** The size of a run's driver. VALIDATION when a property or the worker configuration does not parse. */
    public static WorkerSpec driver(ApplicationConfiguration application, Map<String, String> sparkProperties)
    {
        return resolve(DRIVER, application, sparkProperties);
    }

    /** The size of each of a run's executors. VALIDATION when a property or the worker configuration does not parse. */
    public static WorkerSpec executor(ApplicationConfiguration application, Map<String, String> sparkProperties)
    {
        return resolve(EXECUTOR, application, sparkProperties);
    }

    /** The application's {@code maximumCapacity}, or {@link #DEFAULT_MAXIMUM}; without {@code disk}, disk is not limited (as on AWS). */
    public static Capacity maximum(ApplicationConfiguration application)
    {
        Optional<JsonNode> maximum = application.maximumCapacity();
        if (maximum.isEmpty()) {
            return DEFAULT_MAXIMUM;
        }
        JsonNode node = maximum.get();
        double cpu = SizeParsers.cpu(required(node, "cpu", "maximumCapacity"), "maximumCapacity.cpu");
        double memory = SizeParsers.memoryGb(required(node, "memory", "maximumCapacity"), "maximumCapacity.memory");
        double disk = text(node, "disk").map(value -> (double) SizeParsers.diskGb(value, "maximumCapacity.disk")).orElse(Double.POSITIVE_INFINITY);
        return new Capacity(cpu, memory, disk);
    }

    /**
     * Checks an application's capacity settings: every size string parses, and the initial capacity (workerCount x
     * size of {@code DRIVER} and {@code EXECUTOR}) fits within the maximum capacity, because pre-initialized workers
     * hold their capacity for as long as the application is started.
     */
    public static void validate(ApplicationConfiguration application)
    {
        Capacity maximum = maximum(application);
        InitialCapacity initial = initialCapacity(application);
        if (!initial.total().fitsIn(maximum)) {
            String ceiling = application.maximumCapacity().isPresent()
                    ? "maximumCapacity (" + maximum + ")"
                    : "the default maximum capacity (" + maximum + "); set maximumCapacity to allow more";
            throw EmrysException.validation("The initial capacity (%s) exceeds %s".formatted(initial, ceiling));
        }
    }

    /**
     * What an application's pre-initialized workers ({@code DRIVER} and {@code EXECUTOR} of its initial capacity)
     * hold together; {@link Capacity#ZERO} without initial capacity. VALIDATION for a size that does not parse.
     */
    public static InitialCapacity initialCapacity(ApplicationConfiguration application)
    {
        Optional<JsonNode> initial = application.initialCapacity();
        Capacity total = Capacity.ZERO;
        List<String> parts = new ArrayList<>();
        if (initial.isEmpty()) {
            return new InitialCapacity(total, parts);
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = initial.get().fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String workerType = entry.getKey();
            WorkerSpec size = fromWorkerConfiguration(workerType, entry.getValue().path("workerConfiguration"));
            long count = entry.getValue().path("workerCount").asLong(0);
            if (count < 0 || count > Integer.MAX_VALUE) {
                throw EmrysException.validation("initialCapacity.%s.workerCount has an invalid value '%d': expected 1 to 1000000"
                        .formatted(workerType, count));
            }
            if (workerType.equals(DRIVER.workerType()) || workerType.equals(EXECUTOR.workerType())) {
                total = total.plus(size.capacity().times((int) count));
                parts.add("%d %s of %s".formatted(count, workerType, size.capacity()));
            }
        }
        return new InitialCapacity(total, parts);
    }

    /** @param parts one {@code "2 EXECUTOR of 1 vCPU, 2 GB, 20 GB disk"} per worker type, for messages */
    public record InitialCapacity(Capacity total, List<String> parts)
    {
        public InitialCapacity
        {
            requireNonNull(total, "total is null");
            parts = List.copyOf(parts);
        }

        @Override
        public String toString()
        {
            return String.join(" + ", parts) + ": " + total;
        }
    }

    private static WorkerSpec resolve(Role role, ApplicationConfiguration application, Map<String, String> sparkProperties)
    {
        requireNonNull(application, "application is null");
        requireNonNull(sparkProperties, "sparkProperties is null");
        JsonNode configuration = application.initialCapacity()
                .map(initial -> initial.path(role.workerType()).path("workerConfiguration"))
                .orElse(MissingNode.getInstance());
        WorkerSpec configured = fromWorkerConfiguration(role.workerType(), configuration);
        int cores = Optional.ofNullable(sparkProperties.get(role.coresProperty()))
                .map(value -> SizeParsers.sparkCores(value, role.coresProperty()))
                .orElse(configured.cores());
        long memoryMb = Optional.ofNullable(sparkProperties.get(role.memoryProperty()))
                .map(value -> SizeParsers.sparkMemoryMb(value, role.memoryProperty()))
                .orElse(configured.memoryMb());
        double diskGb = Optional.ofNullable(sparkProperties.get(role.diskProperty()))
                .map(value -> (double) SizeParsers.sparkDiskGb(value, role.diskProperty()))
                .orElse(configured.diskGb());
        return new WorkerSpec(cores, memoryMb, diskGb);
    }

    /** A worker configuration's size, each member it leaves out taken from {@link #DEFAULT_WORKER}. */
    private static WorkerSpec fromWorkerConfiguration(String workerType, JsonNode configuration)
    {
        String where = "initialCapacity." + workerType + ".workerConfiguration.";
        int cores = text(configuration, "cpu").map(value -> SizeParsers.cpu(value, where + "cpu")).orElse(DEFAULT_WORKER.cores());
        long memoryMb = text(configuration, "memory").map(value -> SizeParsers.memoryGb(value, where + "memory") * 1024L).orElse(DEFAULT_WORKER.memoryMb());
        double diskGb = text(configuration, "disk").map(value -> (double) SizeParsers.diskGb(value, where + "disk")).orElse(DEFAULT_WORKER.diskGb());
        return new WorkerSpec(cores, memoryMb, diskGb);
    }

    private static String required(JsonNode node, String member, String parent)
    {
        return text(node, member).orElseThrow(() -> EmrysException.validation("%s.%s is required".formatted(parent, member)));
    }

    private static Optional<String> text(JsonNode node, String member)
    {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private record Role(String workerType, String coresProperty, String memoryProperty, String diskProperty) {}
}
