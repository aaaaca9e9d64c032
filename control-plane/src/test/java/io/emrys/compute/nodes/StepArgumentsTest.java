package io.emrys.compute.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepArgumentsTest
{
    @Test
    void dropsMasterAndDeployModeSoThatTheDriverRunsOnTheMasterInstanceAgainstTheClustersMaster()
    {
        StepArguments arguments = StepArguments.parse(List.of("--master", "yarn", "--deploy-mode", "cluster", "--conf", "spark.x=1",
                "s3://bucket/jobs/etl.py", "--input", "s3://in/", "--deploy-mode", "kept"));

        assertThat(arguments.forClientMode()).containsExactly("--conf", "spark.x=1", "s3://bucket/jobs/etl.py", "--input", "s3://in/", "--deploy-mode", "kept");
    }

    @Test
    void keepsTheApplicationsOwnArgumentsAfterThePrimaryResourceUntouched()
    {
        StepArguments arguments = StepArguments.parse(List.of("--class", "org.example.Main", "--verbose", "s3://bucket/app.jar", "--master", "local"));

        assertThat(arguments.forClientMode()).containsExactly("--class", "org.example.Main", "--verbose", "s3://bucket/app.jar", "--master", "local");
    }

    @Test
    void findsTheDriverMemoryFromTheFlagOrTheConf()
    {
        assertThat(StepArguments.parse(List.of("--driver-memory", "2g", "app.py")).driverMemory()).contains("2g");
        assertThat(StepArguments.parse(List.of("--conf", "spark.driver.memory=768m", "app.py")).driverMemory()).contains("768m");
        assertThat(StepArguments.parse(List.of("app.py", "--driver-memory", "9g")).driverMemory()).isEqualTo(Optional.empty());
    }
}
