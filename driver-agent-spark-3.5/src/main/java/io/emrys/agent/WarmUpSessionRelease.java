package io.emrys.agent;

import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;

/**
 * Spark 3.5 line: Spark Connect 3.5 has no ReleaseSession call, so the warm-up's session holder stays in the
 * driver (a few kilobytes, no cached data); the user's session gets a holder of its own.
 */
final class WarmUpSessionRelease
{
    private WarmUpSessionRelease() {}

    static void release(SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub, String sessionId, UserContext user)
    {
        // Nothing to release on this line; see the class comment.
    }
}
