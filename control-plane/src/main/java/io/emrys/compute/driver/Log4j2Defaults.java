package io.emrys.compute.driver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of a customised log4j2 configuration. EMR merges the {@code spark-*-log4j2} classification properties
 * over its own defaults, so a job that only sets {@code rootLogger.level} still logs to stderr; these mirror
 * Spark's default console setup.
 */
final class Log4j2Defaults
{
    private static final Map<String, String> DEFAULTS = Map.of(
            "rootLogger.level", "info",
            "rootLogger.appenderRef.stdout.ref", "console",
            "appender.console.type", "Console",
            "appender.console.name", "console",
            "appender.console.target", "SYSTEM_ERR",
            "appender.console.layout.type", "PatternLayout",
            "appender.console.layout.pattern", "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex");

    private Log4j2Defaults() {}

    static Map<String, String> overlay(Map<String, String> properties)
    {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        merged.putAll(properties);
        return merged;
    }
}
