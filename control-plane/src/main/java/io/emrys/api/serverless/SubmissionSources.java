package io.emrys.api.serverless;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Account;
import io.emrys.common.Caller;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.error.EmrysException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the code a job or session runs may come from. Drivers run as the Emrys server's own user, so a local path
 * in an entry point, {@code --jars}, a class path or a Java agent would let a caller run or read any file that user
 * can: for every caller but the account's root identity, code comes only from the object store ({@code s3://},
 * {@code s3a://}) or from the runtime's own files ({@code local:///usr/lib/spark/...}), and no property may put a
 * local folder on a class path or load a JVM agent.
 */
final class SubmissionSources
{
    /** The runtime's own files, as EMR's image lays them out. */
    static final String RUNTIME_FILES = "local:///usr/lib/spark/";
    private static final Set<String> LIST_PROPERTIES = Set.of("spark.jars", "spark.submit.pyFiles", "spark.archives", "spark.files");
    private static final Set<String> CLASS_PATH_PROPERTIES = Set.of("spark.driver.extraClassPath", "spark.executor.extraClassPath",
            "spark.driver.extraLibraryPath", "spark.executor.extraLibraryPath");
    private static final Set<String> JAVA_OPTION_PROPERTIES = Set.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions",
            "spark.driver.defaultJavaOptions", "spark.executor.defaultJavaOptions");
    private static final List<String> AGENT_OPTIONS = List.of("-javaagent:", "-agentpath:", "-agentlib:", "-xbootclasspath");

    private final Account account;

    SubmissionSources(Account account)
    {
        this.account = requireNonNull(account, "account is null");
    }

    /** Checks a StartJobRun's or StartSession's input for {@code caller}; the root identity may use anything. */
    void check(Caller caller, ObjectNode input)
    {
        if (caller.principalArn().equals(account.rootArn())) {
            return;
        }
        List<String> problems = new ArrayList<>();
        JsonNode sparkSubmit = input.path("jobDriver").path("sparkSubmit");
        if (sparkSubmit.hasNonNull("entryPoint")) {
            location("entryPoint", sparkSubmit.get("entryPoint").asText(), problems);
        }
        if (sparkSubmit.hasNonNull("sparkSubmitParameters")) {
            SparkSubmitParameters parameters = SparkSubmitParameters.parse(sparkSubmit.get("sparkSubmitParameters").asText());
            parameters.jars().forEach(jar -> location("--jars", jar, problems));
            parameters.pyFiles().forEach(file -> location("--py-files", file, problems));
            parameters.archives().forEach(archive -> location("--archives", archive, problems));
            parameters.files().forEach(file -> location("--files", file, problems));
            properties(parameters.conf(), problems);
        }
        for (JsonNode classification : input.path("configurationOverrides").path("applicationConfiguration")) {
            Map<String, String> properties = new LinkedHashMap<>();
            classification.path("properties").fields().forEachRemaining(entry -> properties.put(entry.getKey(), entry.getValue().asText()));
            properties(properties, problems);
        }
        if (!problems.isEmpty()) {
            throw EmrysException.validation(String.join(" ", problems) + " Only the account's root identity may run code from local paths.");
        }
    }

    private static void properties(Map<String, String> properties, List<String> problems)
    {
        properties.forEach((key, value) -> {
            if (LIST_PROPERTIES.contains(key)) {
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        location(key, item.trim(), problems);
                    }
                }
            }
            else if (CLASS_PATH_PROPERTIES.contains(key) && !value.isBlank()) {
                problems.add(key + " puts local files on a class path; use --jars with s3:// locations instead.");
            }
            else if (JAVA_OPTION_PROPERTIES.contains(key) && AGENT_OPTIONS.stream().anyMatch(value.toLowerCase(Locale.ROOT)::contains)) {
                problems.add(key + " loads a JVM agent or changes the boot class path, which is not allowed.");
            }
        });
    }

    private static void location(String what, String location, List<String> problems)
    {
        String path = location.contains("#") ? location.substring(0, location.indexOf('#')) : location;
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://") || lower.startsWith("s3a://") || (path.startsWith(RUNTIME_FILES) && !path.contains("/../"))) {
            return;
        }
        problems.add(what + " " + path + " is not in the object store: use an s3:// location (or one of the runtime's own " + RUNTIME_FILES + " files).");
    }
}
