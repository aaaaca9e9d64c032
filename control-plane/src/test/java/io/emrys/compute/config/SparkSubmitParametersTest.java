package io.emrys.compute.config;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class SparkSubmitParametersTest
{
    static Stream<Arguments> accepted()
    {
        return Stream.of(
                Arguments.of("", SparkSubmitParameters.NONE),
                Arguments.of("   ", SparkSubmitParameters.NONE),
                Arguments.of("--class com.example.Main", parameters(Optional.of("com.example.Main"), Optional.empty(), Map.of(), List.of())),
                Arguments.of("--class=com.example.Main --name 'my job'", parameters(Optional.of("com.example.Main"), Optional.of("my job"), Map.of(), List.of())),
                Arguments.of("--conf spark.a=1 --conf spark.b=x=y --conf=spark.c=\"two words\"",
                        parameters(Optional.empty(), Optional.empty(), Map.of("spark.a", "1", "spark.b", "x=y", "spark.c", "two words"), List.of())),
                Arguments.of("--conf spark.a=1 --conf spark.a=2", parameters(Optional.empty(), Optional.empty(), Map.of("spark.a", "2"), List.of())),
                Arguments.of("--jars s3://b/a.jar,s3://b/b.jar --jars /tmp/c.jar",
                        parameters(Optional.empty(), Optional.empty(), Map.of(), List.of("s3://b/a.jar", "s3://b/b.jar", "/tmp/c.jar"))),
                Arguments.of("--conf 'spark.driver.extraJavaOptions=-Da=1 -Db=2'",
                        parameters(Optional.empty(), Optional.empty(), Map.of("spark.driver.extraJavaOptions", "-Da=1 -Db=2"), List.of())),
                Arguments.of("--conf spark.x=a\\ b", parameters(Optional.empty(), Optional.empty(), Map.of("spark.x", "a b"), List.of())));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void parsesAcceptedParameters(String text, SparkSubmitParameters expected)
    {
        assertThat(SparkSubmitParameters.parse(text)).isEqualTo(expected);
    }

    @Test
    void pythonFilesArchivesAndFilesAccumulateIntoSparksProperties()
    {
        SparkSubmitParameters parameters = SparkSubmitParameters.parse(
                "--py-files s3://b/deps.zip,s3://b/util.py --archives s3://b/env.tar.gz#environment --py-files=s3://b/more.egg --files s3://b/lookup.csv");

        assertThat(parameters.asSparkProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "spark.submit.pyFiles", "s3://b/deps.zip,s3://b/util.py,s3://b/more.egg",
                "spark.archives", "s3://b/env.tar.gz#environment",
                "spark.files", "s3://b/lookup.csv"));
    }

    @Test
    void parsesResourceFlags()
    {
        SparkSubmitParameters parameters = SparkSubmitParameters.parse(
                "--driver-memory 2g --driver-cores 2 --executor-memory 512m --executor-cores 4 --num-executors 3");

        assertThat(parameters.driverMemory()).hasValue(new MemorySize(2048));
        assertThat(parameters.driverCores()).hasValue(2);
        assertThat(parameters.executorMemory()).hasValue(new MemorySize(512));
        assertThat(parameters.executorCores()).hasValue(4);
        assertThat(parameters.numExecutors()).hasValue(3);
        assertThat(parameters.asSparkProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "spark.driver.memory", "2g",
                "spark.driver.cores", "2",
                "spark.executor.memory", "512m",
                "spark.executor.cores", "4",
                "spark.executor.instances", "3"));
    }

    @Test
    void flagsWinOverConfOfTheSameProperty()
    {
        SparkSubmitParameters parameters = SparkSubmitParameters.parse("--conf spark.driver.memory=8g --driver-memory 1g --name n --jars a.jar");

        assertThat(parameters.asSparkProperties())
                .containsEntry("spark.driver.memory", "1g")
                .containsEntry("spark.app.name", "n")
                .containsEntry("spark.jars", "a.jar");
    }

    static Stream<Arguments> rejected()
    {
        return Stream.of(
                Arguments.of("--packages org.x:y:1", "--packages"),
                Arguments.of("--master yarn", "--master"),
                Arguments.of("--deploy-mode=cluster", "--deploy-mode"),
                Arguments.of("stray", "stray"),
                Arguments.of("--class", "needs a value"),
                Arguments.of("--conf novalue", "key=value"),
                Arguments.of("--conf =x", "key=value"),
                Arguments.of("--driver-memory 2", "2"),
                Arguments.of("--driver-memory lots", "lots"),
                Arguments.of("--executor-memory 0g", "0g"),
                Arguments.of("--driver-cores 0", "positive integer"),
                Arguments.of("--executor-cores -1", "-1"),
                Arguments.of("--num-executors two", "two"),
                Arguments.of("--name 'unterminated", "unterminated"),
                Arguments.of("--name \"unterminated", "unterminated"),
                Arguments.of("--name x\\", "backslash"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsUnsupportedFlagsAndMalformedValues(String text, String named)
    {
        assertThatThrownBy(() -> SparkSubmitParameters.parse(text))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining(named);
    }

    @Test
    void unsupportedFlagMessageListsTheAllowedFlags()
    {
        assertThatThrownBy(() -> SparkSubmitParameters.parse("--packages org.example:x:1"))
                .hasMessageContaining("--packages")
                .hasMessageContaining(String.join(", ", SparkSubmitParameters.ALLOWED_FLAGS));
    }

    private static SparkSubmitParameters parameters(Optional<String> mainClass, Optional<String> name, Map<String, String> conf, List<String> jars)
    {
        return new SparkSubmitParameters(mainClass, name, conf, jars, Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                List.of(), List.of(), List.of());
    }
}
