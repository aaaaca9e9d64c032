package io.emrys.compute.warm;

import io.emrys.compute.driver.DriverPlanner;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether a job (or session) can run on a pre-initialized driver: the Spark properties it wants (merged and
 * final, as {@link DriverPlanner} would write them for a cold driver) must equal the warm driver's, except for
 * <ul>
 *   <li>runtime SQL settings ({@link #isRuntimeSqlSetting}), which the warm driver applies with
 *       {@code spark.conf().set} before the job's {@code main} ({@link #runtimeSqlConf});</li>
 *   <li>{@code spark.app.name} (a SparkContext's name is fixed at its start; only the UI and event log show it);</li>
 *   <li>the Spark Connect binding every warm driver gets ({@link WarmDriverPlanner#OWNED_PROPERTIES});</li>
 *   <li>the keys the caller names as its own per-run settings (UI port, scratch folders, Connect binding...).</li>
 * </ul>
 * Everything else is fixed once a SparkContext is up (memory, cores, executors, class path, serializer, Hadoop
 * settings, plugins), so a difference there means a cold driver; so do settings only SparkSubmit acts on
 * ({@code spark.jars.packages} and the like; a Python job's own py-files excepted, see {@link #withoutPyFiles}) and R
 * entry points ({@link #whyColdEntryPoint}).
 *
 * <p>The rule for runtime SQL settings is conservative: a {@code spark.sql.*} key is runtime-settable unless it is
 * one of Spark 4.0's static SQL settings ({@code StaticSQLConf}, the Hive metastore settings and Spark Connect's
 * UI settings, listed below from Spark 4.0.1's own registry), or under a prefix whose settings are read once per
 * SparkContext or per loaded plugin: {@code spark.sql.hive.}, {@code spark.sql.legacy.}, {@code spark.sql.catalog.}
 * (a catalog plugin is configured when first loaded), {@code spark.sql.extensions}, {@code spark.sql.streaming.ui.}
 * and {@code spark.sql.connect.}. A runtime setting the warm driver has but the job does not want is a difference
 * too: the job would silently inherit it.
 */
public final class WarmDriverFit
{
    /** Static SQL settings of Spark 4.0.1 ({@code SQLConf.staticConfKeys}, spark.sql.* only). */
    static final Set<String> STATIC_SQL_KEYS = Set.of(
            "spark.sql.broadcastExchange.maxThreadThreshold",
            "spark.sql.cache.serializer",
            "spark.sql.catalog.spark_catalog.defaultDatabase",
            "spark.sql.catalogImplementation",
            "spark.sql.codegen.cache.maxEntries",
            "spark.sql.codegen.comments",
            "spark.sql.connect.ui.retainedSessions",
            "spark.sql.connect.ui.retainedStatements",
            "spark.sql.debug",
            "spark.sql.defaultUrlStreamHandlerFactory.enabled",
            "spark.sql.event.truncate.length",
            "spark.sql.extensions",
            "spark.sql.filesourceTableRelationCacheSize",
            "spark.sql.globalTempDatabase",
            "spark.sql.metadataCacheTTLSeconds",
            "spark.sql.queryExecutionListeners",
            "spark.sql.resultQueryStage.maxThreadThreshold",
            "spark.sql.shuffleExchange.maxThreadThreshold",
            "spark.sql.sources.disabledJdbcConnProviderList",
            "spark.sql.sources.schemaStringLengthThreshold",
            "spark.sql.streaming.streamingQueryListeners",
            "spark.sql.subquery.maxThreadThreshold",
            "spark.sql.ui.retainedExecutions",
            "spark.sql.warehouse.dir");
    static final List<String> STATIC_SQL_PREFIXES = List.of(
            "spark.sql.hive.",
            "spark.sql.legacy.",
            "spark.sql.catalog.",
            "spark.sql.extensions",
            "spark.sql.streaming.ui.",
            "spark.sql.connect.");
    static final String APP_NAME = "spark.app.name";
    static final String PY_FILES = "spark.submit.pyFiles";
    /**
     * Settings only SparkSubmit acts on (dependency resolution, Python files); a warm driver does not run
     * SparkSubmit, so a job that sets them runs cold even on a warm driver started with the same values.
     */
    static final List<String> SPARK_SUBMIT_ONLY = List.of(
            "spark.jars.packages",
            "spark.jars.repositories",
            "spark.jars.ivy",
            "spark.jars.ivySettings",
            "spark.jars.excludes",
            PY_FILES);
    /** Spark's default {@code spark.redaction.regex}: values of such keys never appear in a message. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key");

    private WarmDriverFit() {}

    /** True for a {@code spark.sql.*} key a running SparkSession may change; see the class comment for the rule. */
    public static boolean isRuntimeSqlSetting(String key)
    {
        requireNonNull(key, "key is null");
        if (!key.startsWith("spark.sql.") || STATIC_SQL_KEYS.contains(key)) {
            return false;
        }
        return STATIC_SQL_PREFIXES.stream().noneMatch(key::startsWith);
    }

    /**
     * Empty when {@code wanted} can run on a warm driver started with {@code warmProperties}; otherwise a sentence
     * naming the first differing key, such as "spark.executor.memory is 2g here but 1g on the pre-initialized
     * drivers". Keys are checked in {@code wanted}'s order, then the warm driver's own. Secret values are not shown.
     *
     * @param ignored keys the control plane sets per run itself (UI port, scratch folders, event log dir, ...); the
     *        warm driver's own Spark Connect binding is always ignored
     */
    public static Optional<String> whyCold(Map<String, String> warmProperties, Map<String, String> wanted, Set<String> ignored)
    {
        requireNonNull(warmProperties, "warmProperties is null");
        requireNonNull(wanted, "wanted is null");
        requireNonNull(ignored, "ignored is null");
        for (String key : SPARK_SUBMIT_ONLY) {
            String value = wanted.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(key + " is resolved by spark-submit, which pre-initialized drivers do not run");
            }
        }
        Set<String> keys = new LinkedHashSet<>(wanted.keySet());
        keys.addAll(warmProperties.keySet());
        for (String key : keys) {
            if (key.equals(APP_NAME) || WarmDriverPlanner.OWNED_PROPERTIES.contains(key) || ignored.contains(key)) {
                continue;
            }
            String here = wanted.get(key);
            String warm = warmProperties.get(key);
            if (isRuntimeSqlSetting(key) && here != null) {
                continue;
            }
            if (!Objects.equals(strip(here), strip(warm))) {
                return Optional.of(difference(key, here, warm));
            }
        }
        return Optional.empty();
    }

    /**
     * Empty when a job with this entry point can run on a warm driver: a JVM {@code main} from a jar runs in the
     * warm JVM, and a PySpark {@code .py} runs in a Python process attached to it; R applications need a cold
     * driver (SparkSubmit starts their interpreter).
     */
    public static Optional<String> whyColdEntryPoint(String entryPoint)
    {
        requireNonNull(entryPoint, "entryPoint is null");
        String name = entryPoint.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".r")) {
            return Optional.of("the entry point " + entryPoint.strip() + " is an R application; pre-initialized drivers run JVM and Python applications only");
        }
        return Optional.empty();
    }

    /**
     * The properties a PySpark job wants, as {@link #whyCold} is to compare them: without {@code spark.submit.pyFiles},
     * because a warm driver adds a Python job's files to its running SparkContext itself
     * ({@link WarmDriver#runPythonJob}) rather than needing spark-submit for them. Everything else, the
     * {@code spark.pyspark.*} interpreters, archives and the driver's environment included, must match as for a JVM job.
     */
    public static Map<String, String> withoutPyFiles(Map<String, String> wanted)
    {
        Map<String, String> compared = new LinkedHashMap<>(requireNonNull(wanted, "wanted is null"));
        compared.remove(PY_FILES);
        return compared;
    }

    /** A job's {@code --py-files}, as SparkSubmit reads {@code spark.submit.pyFiles}: comma-separated, blanks dropped. */
    public static List<String> pyFiles(Map<String, String> wanted)
    {
        return Arrays.stream(wanted.getOrDefault(PY_FILES, "").split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    /**
     * The runtime SQL settings a job must apply on a warm driver that {@link #whyCold} accepted: those of
     * {@code wanted} whose value differs from the warm driver's, in {@code wanted}'s order.
     */
    public static Map<String, String> runtimeSqlConf(Map<String, String> warmProperties, Map<String, String> wanted)
    {
        requireNonNull(warmProperties, "warmProperties is null");
        requireNonNull(wanted, "wanted is null");
        Map<String, String> settings = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            if (isRuntimeSqlSetting(key) && !Objects.equals(strip(value), strip(warmProperties.get(key)))) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    private static String strip(String value)
    {
        return value == null ? null : value.strip();
    }

    private static String difference(String key, String here, String warm)
    {
        if (!SECRET_KEY.matcher(key).find()) {
            return "%s is %s here but %s on the pre-initialized drivers".formatted(key, describe(here), describe(warm));
        }
        if (here == null) {
            return key + " is not set here but is set on the pre-initialized drivers";
        }
        if (warm == null) {
            return key + " is set here but not on the pre-initialized drivers";
        }
        return key + " has a different value here than on the pre-initialized drivers (value hidden)";
    }

    private static String describe(String value)
    {
        return value == null ? "not set" : value.strip();
    }
}
