package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Documents;
import io.emrys.common.SubmittedSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a user submitted with StartJobRun, kept as the model's document (so GetJobRun returns it exactly) with
 * typed accessors for what Emrys acts on. Immutable: the document is copied in and out.
 */
public final class JobRunSpec
        extends SubmittedSpec
{
    /** StartJobRun members that describe the run (not the application id, client token or tags). */
    public static final Set<String> MEMBERS = Set.of(
            "name", "executionRoleArn", "jobDriver", "configurationOverrides", "executionTimeoutMinutes", "mode", "retryPolicy",
            "executionIamPolicy");

    /** AWS's default for executionTimeoutMinutes: 12 hours. */
    public static final long DEFAULT_EXECUTION_TIMEOUT_MINUTES = 720;

    /**
     * A job with nothing of its own (no entry point, no settings): what a warm driver is started for. Its entry
     * point is Spark's name for "no application jar"; a warm driver's command line never runs it.
     */
    public static final JobRunSpec NONE = new JobRunSpec(noJob());

    private JobRunSpec(ObjectNode document)
    {
        super(document);
    }

    public static JobRunSpec fromInput(ObjectNode input)
    {
        ObjectNode document = Documents.pick(input, MEMBERS);
        if (!document.has("executionTimeoutMinutes")) {
            document.put("executionTimeoutMinutes", DEFAULT_EXECUTION_TIMEOUT_MINUTES);
        }
        if (!document.has("mode")) {
            document.put("mode", "BATCH");
        }
        return new JobRunSpec(document);
    }

    private static ObjectNode noJob()
    {
        ObjectNode document = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        document.putObject("jobDriver").putObject("sparkSubmit").put("entryPoint", "spark-internal");
        return document;
    }

    public static JobRunSpec fromStored(ObjectNode document)
    {
        return new JobRunSpec(document.deepCopy());
    }

    public String mode()
    {
        return node().path("mode").asText("BATCH");
    }

    /** 0 means no limit, as on AWS. */
    public long executionTimeoutMinutes()
    {
        return node().path("executionTimeoutMinutes").asLong(DEFAULT_EXECUTION_TIMEOUT_MINUTES);
    }

    public int maxAttempts()
    {
        return node().path("retryPolicy").path("maxAttempts").asInt(1);
    }

    public boolean hasSparkSubmit()
    {
        return node().path("jobDriver").has("sparkSubmit");
    }

    public String entryPoint()
    {
        return node().path("jobDriver").path("sparkSubmit").path("entryPoint").asText();
    }

    public List<String> entryPointArguments()
    {
        List<String> arguments = new ArrayList<>();
        node().path("jobDriver").path("sparkSubmit").path("entryPointArguments").forEach(argument -> arguments.add(argument.asText()));
        return List.copyOf(arguments);
    }

    public Optional<String> sparkSubmitParameters()
    {
        JsonNode parameters = node().path("jobDriver").path("sparkSubmit").get("sparkSubmitParameters");
        return parameters == null ? Optional.empty() : Optional.of(parameters.asText());
    }

    /** The job's configuration classifications, which take precedence over the application's. */
    public JsonNode applicationConfiguration()
    {
        return node().path("configurationOverrides").path("applicationConfiguration").deepCopy();
    }

    /** {@code executionIamPolicy.policy}: an inline policy that narrows the execution role for this run. */
    public Optional<String> executionPolicy()
    {
        JsonNode policy = node().path("executionIamPolicy").get("policy");
        return policy == null || policy.isNull() ? Optional.empty() : Optional.of(policy.asText());
    }

    /** {@code executionIamPolicy.policyArns}: managed policies that narrow the execution role for this run. */
    public List<String> executionPolicyArns()
    {
        List<String> arns = new ArrayList<>();
        node().path("executionIamPolicy").path("policyArns").forEach(arn -> arns.add(arn.asText()));
        return List.copyOf(arns);
    }

    public JsonNode monitoringConfiguration()
    {
        return node().path("configurationOverrides").path("monitoringConfiguration").deepCopy();
    }
}
