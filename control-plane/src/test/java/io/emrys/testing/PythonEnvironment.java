package io.emrys.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's own Python environment ({@code .venv} in the checkout, made from {@code requirements.txt} by
 * {@code ./emrys test} or {@code ./emrys venv}). Tests run boto3 and the AWS CLI from it, never from whatever
 * Python the machine has, so a fresh machine tests exactly the pinned versions. A missing environment fails the
 * test with the command that makes it, rather than skipping or falling back to the machine's Python.
 */
public final class PythonEnvironment
{
    private PythonEnvironment() {}

    /** The environment's Python interpreter, with boto3 installed. */
    public static String python()
    {
        return executable("python");
    }

    /** The Spark 3.5 line's environment ({@code .venv-spark-3.5}): boto3 and PySpark 3.5.5's Spark Connect client. */
    public static String spark35Python()
    {
        return executable(".venv-spark-3.5", "python");
    }

    /** The Spark 4.0 line's environment ({@code .venv-spark-4.0}): boto3 and PySpark 4.0.1's Spark Connect client (pyspark-client). */
    public static String spark40Python()
    {
        return executable(".venv-spark-4.0", "python");
    }

    /**
     * The Airflow environment ({@code .venv-airflow}, from {@code requirements-airflow.txt}): Airflow 2.10 and its Amazon
     * provider, made only for the airflow test profile ({@code ./emrys venv airflow}).
     */
    public static String airflowPython()
    {
        return executable(".venv-airflow", "python", "./emrys venv airflow");
    }

    /** venv-pack, which packs a virtual environment into an archive a job ships with --archives. */
    public static String venvPack()
    {
        return executable("venv-pack");
    }

    /** The AWS CLI installed in the environment. */
    public static String aws()
    {
        return executable("aws");
    }

    private static String executable(String name)
    {
        return executable(".venv", name);
    }

    private static String executable(String environment, String name)
    {
        return executable(environment, name, "./emrys venv");
    }

    private static String executable(String environment, String name, String makesIt)
    {
        Path file = TestingSparkArtifacts.projectRoot().resolve(environment).resolve("bin").resolve(name).toAbsolutePath();
        if (!Files.isExecutable(file)) {
            fail("The project's Python environment is missing (%s). Create it first: %s", file, makesIt);
        }
        return file.toString();
    }
}
