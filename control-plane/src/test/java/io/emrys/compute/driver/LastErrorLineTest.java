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
    void takesAPythonJobsOwnExceptionOverTheJvmsReport()
    {
        String stderr = """
                Traceback (most recent call last):
                  File "/tmp/spark-1/fails.py", line 6, in <module>
                    raise ValueError("the input bucket holds no sales files")
                ValueError: the input bucket holds no sales files
                26/01/02 10:11:13 INFO SparkContext: Invoking stop() from shutdown hook
                Exception in thread "main" org.apache.spark.SparkUserAppException: User application exited with 1
                26/01/02 10:11:13 INFO ShutdownHookManager: Shutdown hook called
                """;

        assertThat(LastErrorLine.find(stderr)).hasValue("ValueError: the input bucket holds no sales files");
    }

    @Test
    void takesAPySparkErrorsQualifiedName()
    {
        String stderr = """
                Traceback (most recent call last):
                  File "/tmp/job.py", line 3, in <module>
                    spark.read.parquet("s3://b/missing")
                  File "/x/pyspark.zip/pyspark/errors/exceptions/captured.py", line 288, in deco
                pyspark.errors.exceptions.captured.AnalysisException: [PATH_NOT_FOUND] Path does not exist: s3://b/missing.
                """;

        assertThat(LastErrorLine.find(stderr)).hasValue("pyspark.errors.exceptions.captured.AnalysisException: [PATH_NOT_FOUND] Path does not exist: s3://b/missing.");
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
