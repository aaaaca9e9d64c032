package io.emrys.api.serverless;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Account;
import io.emrys.common.Caller;
import io.emrys.error.EmrysException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubmissionSourcesTest
{
    private static final Account ACCOUNT = new Account("123456789012", "us-east-1");
    private static final Caller USER = new Caller("123456789012", "arn:aws:iam::123456789012:user/alice", "AKIAALICE");
    private static final Caller ROOT = new Caller("123456789012", "arn:aws:iam::123456789012:root", "AKIAROOT");

    private final SubmissionSources sources = new SubmissionSources(ACCOUNT);
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 's3://bucket/job.py'}}}",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 'S3A://bucket/job.jar', 'sparkSubmitParameters': '--jars s3://b/a.jar,s3a://b/c.jar --py-files s3://b/deps.zip'}}}",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 'local:///usr/lib/spark/examples/src/main/python/pi.py'}}}",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 's3://b/j.py', 'sparkSubmitParameters': '--archives s3://b/env.tar.gz#environment --conf spark.executor.extraJavaOptions=-XX:+UseG1GC'}}}",
            "{'configurationOverrides': {'applicationConfiguration': [{'classification': 'spark-defaults', 'properties': {'spark.jars': 's3://b/x.jar'}}]}}"
    })
    void objectStoreAndRuntimeLocationsAreAllowedToEveryone(String input)
    {
        assertThatCode(() -> sources.check(USER, input(input))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'jobDriver': {'sparkSubmit': {'entryPoint': '/etc/passwd'}}}|entryPoint /etc/passwd",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 'file:///home/emrys/.emrys/emrys.db'}}}|entryPoint file:///home",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 'local:///usr/lib/spark/../../../etc/passwd'}}}|entryPoint local:///usr/lib/spark/../",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 'local:///opt/app.jar'}}}|entryPoint local:///opt/app.jar",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 's3://b/j.jar', 'sparkSubmitParameters': '--jars /tmp/evil.jar'}}}|--jars /tmp/evil.jar",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 's3://b/j.py', 'sparkSubmitParameters': '--archives /tmp/env.tgz#environment'}}}|--archives /tmp/env.tgz",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 's3://b/j.jar', 'sparkSubmitParameters': '--conf spark.driver.extraClassPath=/home/emrys'}}}|spark.driver.extraClassPath",
            "{'jobDriver': {'sparkSubmit': {'entryPoint': 's3://b/j.jar', 'sparkSubmitParameters': '--conf spark.driver.extraJavaOptions=-javaagent:/tmp/a.jar'}}}|JVM agent",
            "{'configurationOverrides': {'applicationConfiguration': [{'classification': 'spark-defaults', 'properties': {'spark.submit.pyFiles': 's3://b/a.zip,/tmp/b.zip'}}]}}|spark.submit.pyFiles /tmp/b.zip"
    })
    void localCodeIsRefusedToAnyoneButRoot(String input, String named)
    {
        assertThatThrownBy(() -> sources.check(USER, input(input)))
                .isInstanceOf(EmrysException.class)
                .hasMessageContaining(named)
                .hasMessageContaining("Only the account's root identity may run code from local paths.");
        assertThatCode(() -> sources.check(ROOT, input(input))).doesNotThrowAnyException();
    }

    private ObjectNode input(String text)
            throws Exception
    {
        return (ObjectNode) json.readTree(text.replace('\'', '"'));
    }
}
