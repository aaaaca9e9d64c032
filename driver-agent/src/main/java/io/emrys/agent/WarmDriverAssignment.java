package io.emrys.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What the control plane hands a warm driver, read from {@code <workDir>/assignment.properties}.
 *
 * <p>Keys: {@code kind} ({@code job}, {@code python-job} or {@code session}); for a job {@code entryPoint}, optional {@code mainClass},
 * {@code arg.0 ... arg.N} (contiguous from 0), {@code conf.<key>=<value>} runtime SQL settings and, for a Python job,
 * {@code pyFile.0 ... pyFile.N} (its {@code --py-files}).
 *
 * @param kind what to do with the warm SparkContext
 * @param entryPoint the application jar (local path, {@code file:}, {@code local:} or any Hadoop file system URI); empty for a session
 * @param mainClass the class whose static {@code main} runs; empty means the jar manifest's {@code Main-Class}
 * @param arguments the arguments of {@code main}
 * @param runtimeSqlConf settings applied with {@code spark.conf().set} before {@code main}
 * @param pyFiles a Python job's {@code .py}, {@code .zip} and {@code .egg} files (local paths or Hadoop file system URIs)
 */
record WarmDriverAssignment(Kind kind, Optional<String> entryPoint, Optional<String> mainClass, List<String> arguments, Map<String, String> runtimeSqlConf,
        List<String> pyFiles)
{
    static final String ARGUMENT_PREFIX = "arg.";
    static final String PY_FILE_PREFIX = "pyFile.";
    static final String CONF_PREFIX = "conf.";

    enum Kind
    {
        /** Run one Spark application's main, then end the JVM with its outcome. */
        JOB,
        /** Run one PySpark script attached to this JVM, then end the JVM with the script's exit code. */
        PYTHON_JOB,
        /** Serve Spark Connect clients until SIGTERM. */
        SESSION
    }

    WarmDriverAssignment
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(entryPoint, "entryPoint is null");
        requireNonNull(mainClass, "mainClass is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        runtimeSqlConf = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(runtimeSqlConf, "runtimeSqlConf is null")));
        pyFiles = List.copyOf(requireNonNull(pyFiles, "pyFiles is null"));
        if (kind != Kind.SESSION && entryPoint.isEmpty()) {
            throw new IllegalArgumentException("A job assignment needs an entryPoint");
        }
    }

    static WarmDriverAssignment parse(Properties properties)
    {
        String kind = properties.getProperty("kind", "").strip();
        Kind parsedKind = switch (kind) {
            case "job" -> Kind.JOB;
            case "python-job" -> Kind.PYTHON_JOB;
            case "session" -> Kind.SESSION;
            default -> throw new IllegalArgumentException("Unknown assignment kind '" + kind + "'; expected job, python-job or session");
        };
        List<String> arguments = numbered(properties, ARGUMENT_PREFIX);
        Map<String, String> conf = new LinkedHashMap<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (name.startsWith(CONF_PREFIX)) {
                conf.put(name.substring(CONF_PREFIX.length()), properties.getProperty(name));
            }
        }
        return new WarmDriverAssignment(parsedKind, nonBlank(properties.getProperty("entryPoint")), nonBlank(properties.getProperty("mainClass")), arguments, conf,
                numbered(properties, PY_FILE_PREFIX));
    }

    /** The values of {@code prefix0}, {@code prefix1}, ... up to the first missing number. */
    private static List<String> numbered(Properties properties, String prefix)
    {
        List<String> values = new ArrayList<>();
        while (properties.containsKey(prefix + values.size())) {
            values.add(properties.getProperty(prefix + values.size()));
        }
        return values;
    }

    private static Optional<String> nonBlank(String value)
    {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }
}
