package io.emrys.testing;

import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.sparkproject.io.grpc.ManagedChannel;
import org.sparkproject.io.grpc.Metadata;
import org.sparkproject.io.grpc.Status;
import org.sparkproject.io.grpc.StatusRuntimeException;
import org.sparkproject.io.grpc.netty.NettyChannelBuilder;
import org.sparkproject.io.grpc.stub.MetadataUtils;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Raw gRPC calls straight to a Spark Connect driver's loopback port, bypassing the gateway, as any local user could
 * make them: one {@code AnalyzePlan(SparkVersion)} call, which both Spark lines answer, with the grpc-java that the
 * Spark Connect JVM client carries (shaded).
 */
public final class DirectConnectCalls
{
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private DirectConnectCalls() {}

    /** The status code of one call to {@code 127.0.0.1:port}, with {@code authorization} set to the given value if any. */
    public static Status.Code sparkVersionCall(int port, Optional<String> authorization)
    {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            authorization.ifPresent(value -> headers.put(AUTHORIZATION, value));
            SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub = SparkConnectServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            stub.analyzePlan(AnalyzePlanRequest.newBuilder()
                    .setSessionId(UUID.randomUUID().toString())
                    .setUserContext(UserContext.newBuilder().setUserId("bypass").setUserName("bypass"))
                    .setSparkVersion(AnalyzePlanRequest.SparkVersion.getDefaultInstance())
                    .build());
            return Status.Code.OK;
        }
        catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        finally {
            channel.shutdownNow();
        }
    }
}
