package io.emrys.agent;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Spark 3.5 line: what Spark 4's {@code spark.connect.authenticate.token} does, which 3.5 lacks. Every call must
 * carry {@code authorization: Bearer SECRET} with the secret of this driver, which the control plane chose when it
 * planned the driver and wrote into its owner-only properties file as {@code spark.connect.authenticate.token}; only
 * the Emrys gateway adds it, after checking the client's own session token. Any other call, such as one made
 * straight to the driver's loopback port by another local user, ends with UNAUTHENTICATED before Spark Connect sees it.
 *
 * <p>Spark instantiates the class by its no-argument constructor when the gRPC server starts (listed last in
 * {@code spark.connect.grpc.interceptor.classes}, so it runs before any other interceptor); the SparkContext is up
 * by then, so the secret is read from its configuration. Without a secret there the server refuses every call
 * rather than serving unauthenticated ones. The comparison takes the same time wherever the values differ.
 */
public final class ConnectSecretInterceptor
        implements ServerInterceptor
{
    static final String TOKEN = "spark.connect.authenticate.token";
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    public ConnectSecretInterceptor()
    {
        this(secretOf(SparkEnv.get().conf()));
    }

    ConnectSecretInterceptor(String secret)
    {
        this.expected = secret == null || secret.isBlank() ? null : (BEARER + secret.strip()).getBytes(StandardCharsets.US_ASCII);
    }

    private static String secretOf(SparkConf conf)
    {
        return conf.get(TOKEN, null);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next)
    {
        String authorization = headers.get(AUTHORIZATION);
        if (expected == null || authorization == null
                || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.US_ASCII))) {
            // The description says nothing about the secret or why the value did not match.
            call.close(Status.UNAUTHENTICATED.withDescription("This Spark Connect server is reached through the Emrys gateway only"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
