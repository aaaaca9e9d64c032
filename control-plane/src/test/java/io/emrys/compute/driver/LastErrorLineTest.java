package io.emrys.compute.driver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class LastErrorLineTest
{
    @Test
    void takesTheExceptionThatEndedMain()
    {
        String stderr = """
                26/01/02 10:11:12 INFO SparkContext: Running Spark version 4.0.1
                Exception in thread "main" java.lang.IllegalStateException: boom
                \tat com.example.Job.main(Job.java:15)
                Caused by: java.io.IOException: disk
                \t... 3 more
                26/01/02 10:11:13 INFO ShutdownHookManager: Shutdown hook called
                """;

        assertThat(LastErrorLine.find(stderr)).hasValue("java.lang.IllegalStateException: boom");
    }

    @Test
    void takesSparkSubmitsErrorLine()
    {
        String stderr = """
                26/01/02 10:11:12 WARN DependencyUtils: Local jar /x.jar does not exist, skipping.
                Error: Failed to load class com.example.Job.
                26/01/02 10:11:13 INFO ShutdownHookManager: Shutdown hook called
                """;

        assertThat(LastErrorLine.find(stderr)).hasValue("Error: Failed to load class com.example.Job.");
    }

    @Test
    void fallsBackToTheLastThrowableHeadline()
    {
        String stderr = """
                26/01/02 10:11:12 ERROR Executor: Exception in task 0.0
                org.apache.spark.SparkException: first
                \tat a.b.C.d(C.java:1)
                org.apache.spark.SparkException: second
                26/01/02 10:11:13 INFO ShutdownHookManager: Shutdown hook called
                """;

        assertThat(LastErrorLine.find(stderr)).hasValue("org.apache.spark.SparkException: second");
    }

    @Test
    void fallsBackToTheLastLoudLineThenTheLastLine()
    {
        assertThat(LastErrorLine.find("""
                something went wrong
                26/01/02 10:11:13 INFO ShutdownHookManager: Shutdown hook called

                """)).hasValue("something went wrong");
        assertThat(LastErrorLine.find("26/01/02 10:11:13 INFO ShutdownHookManager: Shutdown hook called\n"))
                .hasValue("26/01/02 10:11:13 INFO ShutdownHookManager: Shutdown hook called");
        assertThat(LastErrorLine.find("\n  \n")).isEmpty();
    }
}
