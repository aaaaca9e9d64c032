package io.emrys.compute.connect;

import io.emrys.common.ConnectSecret;
import io.emrys.compute.runtime.SparkLine;
import io.emrys.compute.runtime.SparkRuntime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a Spark Connect driver is made to refuse calls that lack its {@link ConnectSecret}: Spark 4's own pre-shared
 * token ({@code spark.connect.authenticate.token}, checked by Spark's {@code PreSharedKeyAuthenticationInterceptor},
 * which wants {@code authorization: Bearer TOKEN}). Spark 3.5 has no such setting, so on that line the same
 * property is read by the driver agent's {@code ConnectSecretInterceptor}, registered through
 * {@code spark.connect.grpc.interceptor.classes}, which checks the same header. Either way the gateway adds one
 * header for both lines.
 *
 * <p>The secret travels as a Spark property, so it lives in the driver's owner-only properties file, never on a
 * command line or in the driver's environment (which its Python workers and other children would inherit); Spark's
 * default {@code spark.redaction.regex} matches {@code token}, so the UI's environment page and the event log hide
 * it. Code running inside the driver can read it, but that code is the session's own user, who reaches the driver
 * through the gateway anyway.
 */
public final class ConnectAuthentication
{
    /** Spark 4's Connect setting; on Spark 3.5 only the agent's interceptor reads it. */
    public static final String TOKEN = "spark.connect.authenticate.token";
    public static final String INTERCEPTOR_CLASSES = "spark.connect.grpc.interceptor.classes";
    /** The driver agent's interceptor for the Spark 3.5 line (in {@code driver-agent-spark-3.5}). */
    public static final String SECRET_INTERCEPTOR = "io.emrys.agent.ConnectSecretInterceptor";

    private ConnectAuthentication() {}

    /**
     * The properties that make a driver of {@code runtime} require {@code secret}, given the properties it has so
     * far: on Spark 3.5 the agent's interceptor goes last in the user's interceptor list, because gRPC runs the
     * interceptor added last first, so no user interceptor sees a call before the secret is checked.
     */
    public static Map<String, String> properties(SparkRuntime runtime, ConnectSecret secret, Map<String, String> existing)
    {
        requireNonNull(runtime, "runtime is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(existing, "existing is null");
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put(TOKEN, secret.value());
        if (needsAgentInterceptor(runtime)) {
            String users = existing.getOrDefault(INTERCEPTOR_CLASSES, "").strip();
            owned.put(INTERCEPTOR_CLASSES, users.isEmpty() ? SECRET_INTERCEPTOR : users + "," + SECRET_INTERCEPTOR);
        }
        return owned;
    }

    /** Whether the runtime's Spark lacks the token setting, so the agent's interceptor (and jar) must be there. */
    public static boolean needsAgentInterceptor(SparkRuntime runtime)
    {
        return SparkLine.of(runtime.sparkVersion()).map(SparkLine.SPARK_3_5::equals).orElse(false);
    }

    /** The secret a driver was started with, read back from its properties (after a control plane restart). */
    public static Optional<ConnectSecret> secretOf(Map<String, String> properties)
    {
        String value = properties.get(TOKEN);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConnectSecret.of(value.strip()));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
