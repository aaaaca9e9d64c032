package io.emrys.agent;

import org.apache.spark.connect.proto.ReleaseSessionRequest;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;

/** Spark 4 line: the warm-up's Connect session is released at once, so the server holds no state for it. */
final class WarmUpSessionRelease
{
    private WarmUpSessionRelease() {}

    static void release(SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub, String sessionId, UserContext user)
    {
        stub.releaseSession(ReleaseSessionRequest.newBuilder().setSessionId(sessionId).setUserContext(user).build());
    }
}
