package io.emrys.api.serverless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.metering.ResourceUsage;

/** Output members the job-run and session operations build alike. */
final class Outputs
{
    private Outputs() {}

    /** A ResourceUtilization (or TotalResourceUtilization), rounded to six decimals as AWS shows it. */
    static ObjectNode utilization(ResourceUsage usage)
    {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("vCPUHour", round(usage.vcpuHours()));
        node.put("memoryGBHour", round(usage.memoryGbHours()));
        node.put("storageGBHour", round(usage.storageGbHours()));
        return node;
    }

    /** Copies {@code member} of {@code from} to {@code to} when it is there. */
    static void copy(ObjectNode from, String member, ObjectNode to)
    {
        JsonNode value = from.get(member);
        if (value != null) {
            to.set(member, value);
        }
    }

    private static double round(double value)
    {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
