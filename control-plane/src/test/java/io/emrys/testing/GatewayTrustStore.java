package io.emrys.testing;

import static java.util.Objects.requireNonNull;

import io.emrys.gateway.GatewayTls;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes this JVM trust an Emrys TLS gateway the way a user's JVM would: the {@code javax.net.ssl.trustStore*}
 * system properties point at the gateway's trust store until {@link #close}, which puts back what was there.
 *
 * <p>Why system properties: the Spark Connect JVM client has no option for a trust store; it builds its TLS context
 * from the JVM-wide one when a session connects. Why restore them: the trust store usually sits in a temporary
 * folder deleted with its test, and a later test class whose client (Armeria's client factory, for one) builds the
 * default TLS context then fails on the missing file. Not for concurrent use: the properties are process-wide, so
 * test classes that use this must not run in parallel (surefire runs classes one after another here).
 */
public final class GatewayTrustStore
        implements AutoCloseable
{
    private static final String STORE = "javax.net.ssl.trustStore";
    private static final String PASSWORD = "javax.net.ssl.trustStorePassword";
    private static final String TYPE = "javax.net.ssl.trustStoreType";

    private final Map<String, Optional<String>> previous = new LinkedHashMap<>();

    private GatewayTrustStore(Path trustStore)
    {
        for (String property : new String[] {STORE, PASSWORD, TYPE}) {
            previous.put(property, Optional.ofNullable(System.getProperty(property)));
        }
        System.setProperty(STORE, trustStore.toString());
        System.setProperty(PASSWORD, GatewayTls.TRUSTSTORE_PASSWORD);
        System.setProperty(TYPE, GatewayTls.TRUSTSTORE_TYPE);
    }

    /** @param trustStore the gateway's PKCS12 trust store ({@link GatewayTls#truststore()}) */
    public static GatewayTrustStore trust(Path trustStore)
    {
        return new GatewayTrustStore(requireNonNull(trustStore, "trustStore is null"));
    }

    /** Puts back the values seen when this was made, clearing those that were not set. */
    @Override
    public void close()
    {
        previous.forEach((property, value) -> value.ifPresentOrElse(
                set -> System.setProperty(property, set),
                () -> System.clearProperty(property)));
    }
}
