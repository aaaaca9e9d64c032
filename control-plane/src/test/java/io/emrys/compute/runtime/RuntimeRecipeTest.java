package io.emrys.compute.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class RuntimeRecipeTest
{
    private static final RuntimeRecipe SPARK_3_5_1 = new RuntimeRecipe("3.5.1", "2.12", "3.4.1", RuntimeRecipe.HADOOP_AWS_SDK_VERSION, Path.of("agent.jar"));

    @Test
    void listsWhatTheDistributionLacksAsTheRuntimePomsDo()
    {
        assertThat(SPARK_3_5_1.dependencies()).map(MavenDependency::toString).containsExactly(
                "org.apache.spark:spark-connect_2.12:3.5.1 excluding *:*",
                "org.apache.hadoop:hadoop-client-api:3.4.1 excluding *:*",
                "org.apache.hadoop:hadoop-client-runtime:3.4.1 excluding *:*",
                "org.apache.spark:spark-hadoop-cloud_2.12:3.5.1 excluding *:*",
                "org.apache.hadoop:hadoop-aws:3.4.1 excluding software.amazon.awssdk:bundle",
                "software.amazon.awssdk:s3:2.29.52 excluding io.netty:*, org.slf4j:*, org.apache.httpcomponents:*, commons-codec:*, commons-logging:*",
                "software.amazon.awssdk:sts:2.29.52 excluding io.netty:*, org.slf4j:*, org.apache.httpcomponents:*, commons-codec:*, commons-logging:*",
                "software.amazon.awssdk:s3-transfer-manager:2.29.52 excluding io.netty:*, org.slf4j:*, org.apache.httpcomponents:*, commons-codec:*, commons-logging:*",
                "software.amazon.awssdk:apache-client:2.29.52 excluding io.netty:*, org.slf4j:*, org.apache.httpcomponents:*, commons-codec:*, commons-logging:*");
    }

    @Test
    void replacesSpark35sHadoop334ClientAndKeepsSpark40sOwn()
    {
        RuntimeRecipe spark40 = new RuntimeRecipe("4.0.1", "2.13", "3.4.1", "2.29.52", Path.of("agent.jar"));

        assertThat(SPARK_3_5_1.replacesDistributionJar("hadoop-client-api-3.3.4.jar")).isTrue();
        assertThat(SPARK_3_5_1.replacesDistributionJar("hadoop-client-runtime-3.3.4.jar")).isTrue();
        assertThat(SPARK_3_5_1.replacesDistributionJar("hadoop-shaded-guava-1.1.1.jar")).isFalse();
        assertThat(spark40.replacedDistributionJars()).isEmpty();
        assertThat(spark40.dependencies()).map(MavenDependency::artifactId).doesNotContain("spark-connect_2.13", "hadoop-client-api");
    }

    @Test
    void usesTheScalaBinaryVersionInEverySparkArtifact()
    {
        RuntimeRecipe spark40 = new RuntimeRecipe("4.0.1", "2.13", "3.4.1", "2.29.52", Path.of("agent.jar"));

        assertThat(spark40.dependencies()).filteredOn(dependency -> dependency.groupId().equals("org.apache.spark"))
                .allSatisfy(dependency -> assertThat(dependency.artifactId()).endsWith("_2.13"));
    }

    @Test
    void namesItsFolderWhereTheRuntimeFoldersLook()
    {
        assertThat(SPARK_3_5_1.folderName()).isEqualTo("spark-3.5.1").isEqualTo(RuntimeFolders.folderName("3.5.1"));
    }

    @Test
    void servesALinesVersionWithTheLinesScalaAndHadoop341()
    {
        assertThat(RuntimeRecipe.forLine(SparkLine.SPARK_3_5, "3.5.1", Path.of("agent.jar"))).isEqualTo(SPARK_3_5_1);
        assertThat(RuntimeRecipe.forLine(SparkLine.SPARK_4_0, "4.0.1", Path.of("agent.jar")).scalaBinaryVersion()).isEqualTo("2.13");
    }

    @Test
    void refusesAVersionOfAnotherLine()
    {
        assertThatThrownBy(() -> RuntimeRecipe.forLine(SparkLine.SPARK_4_0, "3.5.1", Path.of("agent.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Spark 3.5.1 is not on the Spark 4.0 line");
    }

    @Test
    void rejectsAScalaVersionSparkIsNotPublishedFor()
    {
        assertThatThrownBy(() -> new RuntimeRecipe("3.5.1", "2.11", "3.4.1", "2.29.52", Path.of("agent.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2.11'")
                .hasMessageContaining("2.12");
    }

    @Test
    void rejectsAVersionThatIsNoPlainFileName()
    {
        assertThatThrownBy(() -> new RuntimeRecipe("3.5.1/../x", "2.12", "3.4.1", "2.29.52", Path.of("agent.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.5.1/../x");
    }

    @Test
    void rejectsAnExclusionThatIsNotGroupAndArtifact()
    {
        assertThatThrownBy(() -> new MavenDependency("g", "a", "1", List.of("g")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'g'");
    }
}
