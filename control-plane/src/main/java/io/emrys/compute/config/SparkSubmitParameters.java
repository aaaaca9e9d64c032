package io.emrys.compute.config;

import io.emrys.error.EmrysException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * The parsed {@code jobDriver.sparkSubmit.sparkSubmitParameters} string. Only the flags EMR Serverless documents
 * for job runs are accepted; anything else is a validation error naming the flag, so a typo never silently
 * changes what runs. Flags take {@code --flag value} or {@code --flag=value}; a repeated scalar flag keeps the
 * last value and repeated list flags ({@code --jars}, {@code --py-files}, {@code --archives}, {@code --files})
 * accumulate, as spark-submit does.
 */
public record SparkSubmitParameters(
        Optional<String> mainClass,
        Optional<String> name,
        Map<String, String> conf,
        List<String> jars,
        Optional<MemorySize> driverMemory,
        OptionalInt driverCores,
        Optional<MemorySize> executorMemory,
        OptionalInt executorCores,
        OptionalInt numExecutors,
        List<String> pyFiles,
        List<String> archives,
        List<String> files)
{
    public static final List<String> ALLOWED_FLAGS = List.of(
            "--class", "--conf", "--jars", "--py-files", "--archives", "--files", "--driver-memory", "--driver-cores", "--executor-memory",
            "--executor-cores", "--num-executors", "--name");

    public static final SparkSubmitParameters NONE = new SparkSubmitParameters(
            Optional.empty(), Optional.empty(), Map.of(), List.of(), Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
            List.of(), List.of(), List.of());

    /** Only what a Spark Connect server or other internal driver is started with: a class and Spark properties. */
    public static SparkSubmitParameters ofClassAndConf(String mainClass, Map<String, String> conf)
    {
        return new SparkSubmitParameters(Optional.of(mainClass), Optional.empty(), conf, List.of(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), List.of(), List.of(), List.of());
    }

    public SparkSubmitParameters
    {
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(name, "name is null");
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(conf, "conf is null")));
        jars = List.copyOf(requireNonNull(jars, "jars is null"));
        requireNonNull(driverMemory, "driverMemory is null");
        requireNonNull(driverCores, "driverCores is null");
        requireNonNull(executorMemory, "executorMemory is null");
        requireNonNull(executorCores, "executorCores is null");
        requireNonNull(numExecutors, "numExecutors is null");
        pyFiles = List.copyOf(requireNonNull(pyFiles, "pyFiles is null"));
        archives = List.copyOf(requireNonNull(archives, "archives is null"));
        files = List.copyOf(requireNonNull(files, "files is null"));
    }

    /** Parses the string; null or blank means no parameters. Throws VALIDATION on anything it cannot accept. */
    public static SparkSubmitParameters parse(String text)
    {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Builder builder = new Builder();
        List<String> words = ShellWords.split(text, "sparkSubmitParameters");
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            String flag = word;
            String value;
            int equals = word.indexOf('=');
            if (word.startsWith("--") && equals > 0) {
                flag = word.substring(0, equals);
                value = word.substring(equals + 1);
                requireAllowed(flag);
                i++;
            }
            else {
                if (!word.startsWith("-")) {
                    throw EmrysException.validation("sparkSubmitParameters has an unexpected argument '%s': expected one of the flags %s"
                            .formatted(word, String.join(", ", ALLOWED_FLAGS)));
                }
                requireAllowed(flag);
                if (i + 1 >= words.size()) {
                    throw EmrysException.validation("sparkSubmitParameters flag %s needs a value".formatted(flag));
                }
                value = words.get(i + 1);
                i += 2;
            }
            builder.accept(flag, value);
        }
        return builder.build();
    }

    /**
     * The Spark properties these parameters stand for, flags last so that they win over a {@code --conf} of the
     * same key (spark-submit's precedence).
     */
    public Map<String, String> asSparkProperties()
    {
        Map<String, String> properties = new LinkedHashMap<>(conf);
        name.ifPresent(value -> properties.put("spark.app.name", value));
        putList(properties, "spark.jars", jars);
        putList(properties, "spark.submit.pyFiles", pyFiles);
        putList(properties, "spark.archives", archives);
        putList(properties, "spark.files", files);
        driverMemory.ifPresent(value -> properties.put("spark.driver.memory", value.toSparkString()));
        driverCores.ifPresent(value -> properties.put("spark.driver.cores", Integer.toString(value)));
        executorMemory.ifPresent(value -> properties.put("spark.executor.memory", value.toSparkString()));
        executorCores.ifPresent(value -> properties.put("spark.executor.cores", Integer.toString(value)));
        numExecutors.ifPresent(value -> properties.put("spark.executor.instances", Integer.toString(value)));
        return properties;
    }

    private static void putList(Map<String, String> properties, String key, List<String> values)
    {
        if (!values.isEmpty()) {
            properties.put(key, String.join(",", values));
        }
    }

    private static void requireAllowed(String flag)
    {
        if (!ALLOWED_FLAGS.contains(flag)) {
            throw EmrysException.validation("sparkSubmitParameters flag %s is not supported: allowed flags are %s"
                    .formatted(flag, String.join(", ", ALLOWED_FLAGS)));
        }
    }

    public static int parsePositiveInt(String text, String what)
    {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw EmrysException.validation("%s has an invalid value '%s': expected a positive integer".formatted(what, text));
    }

    private static final class Builder
    {
        private Optional<String> mainClass = Optional.empty();
        private Optional<String> name = Optional.empty();
        private final Map<String, String> conf = new LinkedHashMap<>();
        private final List<String> jars = new ArrayList<>();
        private Optional<MemorySize> driverMemory = Optional.empty();
        private OptionalInt driverCores = OptionalInt.empty();
        private Optional<MemorySize> executorMemory = Optional.empty();
        private OptionalInt executorCores = OptionalInt.empty();
        private OptionalInt numExecutors = OptionalInt.empty();
        private final List<String> pyFiles = new ArrayList<>();
        private final List<String> archives = new ArrayList<>();
        private final List<String> files = new ArrayList<>();

        void accept(String flag, String value)
        {
            switch (flag) {
                case "--class" -> mainClass = Optional.of(requireNonBlank(flag, value));
                case "--name" -> name = Optional.of(requireNonBlank(flag, value));
                case "--conf" -> addConf(value);
                case "--jars" -> addList(value, jars);
                case "--py-files" -> addList(value, pyFiles);
                case "--archives" -> addList(value, archives);
                case "--files" -> addList(value, files);
                case "--driver-memory" -> driverMemory = Optional.of(MemorySize.parse(value, flag));
                case "--driver-cores" -> driverCores = OptionalInt.of(parsePositiveInt(value, flag));
                case "--executor-memory" -> executorMemory = Optional.of(MemorySize.parse(value, flag));
                case "--executor-cores" -> executorCores = OptionalInt.of(parsePositiveInt(value, flag));
                case "--num-executors" -> numExecutors = OptionalInt.of(parsePositiveInt(value, flag));
                default -> throw new IllegalStateException("flag passed requireAllowed but has no case: " + flag);
            }
        }

        private static void addList(String value, List<String> list)
        {
            Arrays.stream(value.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).forEach(list::add);
        }

        private void addConf(String value)
        {
            int equals = value.indexOf('=');
            if (equals <= 0 || value.substring(0, equals).isBlank()) {
                throw EmrysException.validation("sparkSubmitParameters --conf '%s' is not of the form key=value".formatted(value));
            }
            conf.put(value.substring(0, equals).trim(), value.substring(equals + 1));
        }

        private static String requireNonBlank(String flag, String value)
        {
            if (value.isBlank()) {
                throw EmrysException.validation("sparkSubmitParameters flag %s needs a non-empty value".formatted(flag));
            }
            return value;
        }

        SparkSubmitParameters build()
        {
            return new SparkSubmitParameters(mainClass, name, conf, jars, driverMemory, driverCores, executorMemory, executorCores, numExecutors, pyFiles, archives, files);
        }
    }
}
