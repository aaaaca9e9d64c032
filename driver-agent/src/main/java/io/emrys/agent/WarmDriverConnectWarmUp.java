package io.emrys.agent;

import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.sparkproject.connect.grpc.ManagedChannel;
import org.sparkproject.connect.grpc.Server;
import org.sparkproject.connect.grpc.inprocess.InProcessChannelBuilder;
import org.sparkproject.connect.grpc.inprocess.InProcessServerBuilder;

import java.io.IOException;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Spark Connect query inside the warm driver, through an in-process gRPC channel (no socket is opened),
 * so that a session's first query does not pay for loading and initializing Spark Connect's service, session
 * holder, planner and Arrow result path. The session it creates is released again where the Spark line can.
 */
final class WarmDriverConnectWarmUp
{
    private static final String USER = "emrys-warm-up";

    private WarmDriverConnectWarmUp() {}

    static void run()
            throws IOException, InterruptedException
    {
        String name = "emrys-warm-up-" + UUID.randomUUID();
        Server server = InProcessServerBuilder.forName(name).directExecutor().addService(new SparkConnectService(false)).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub = SparkConnectServiceGrpc.newBlockingStub(channel);
            String sessionId = UUID.randomUUID().toString();
            UserContext user = UserContext.newBuilder().setUserId(USER).setUserName(USER).build();
            ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                    .setSessionId(sessionId)
                    .setUserContext(user)
                    .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SQL.newBuilder().setQuery("SELECT 1"))))
                    .build();
            Iterator<ExecutePlanResponse> responses = stub.executePlan(request);
            while (responses.hasNext()) {
                responses.next();
            }
            WarmUpSessionRelease.release(stub, sessionId, user);
        }
        finally {
            channel.shutdownNow();
            server.shutdownNow();
            server.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
