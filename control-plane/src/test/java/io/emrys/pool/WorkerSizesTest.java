package io.emrys.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.application.ApplicationConfiguration;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.io.IOException;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkerSizesTest
{
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void usesSmallDefaultsWhenNothingSetsASize()
    {
        ApplicationConfiguration application = application("{}");

        assertThat(WorkerSizes.driver(application, Map.of())).isEqualTo(new WorkerSpec(1, 1024, 20));
        assertThat(WorkerSizes.executor(application, Map.of())).isEqualTo(new WorkerSpec(1, 1024, 20));
        assertThat(WorkerSizes.DEFAULT_WORKER.capacity()).hasToString("1 vCPU, 1 GB, 20 GB disk");
    }

    @Test
    void takesEachRoleFromItsInitialCapacityWorkerConfiguration()
    {
        ApplicationConfiguration application = application("""
                {"initialCapacity": {
                  "DRIVER": {"workerCount": 1, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB", "disk": "30 GB"}},
                  "EXECUTOR": {"workerCount": 2, "workerConfiguration": {"cpu": "4", "memory": "8GB", "disk": "40gb"}}},
                 "maximumCapacity": {"cpu": "16 vCPU", "memory": "64 GB"}}
                """);

        assertThat(WorkerSizes.driver(application, Map.of())).isEqualTo(new WorkerSpec(2, 4096, 30));
        assertThat(WorkerSizes.executor(application, Map.of())).isEqualTo(new WorkerSpec(4, 8192, 40));
    }

    @Test
    void fillsMembersAWorkerConfigurationLeavesOutFromTheDefaults()
    {
        ApplicationConfiguration application = application("""
                {"initialCapacity": {"DRIVER": {"workerCount": 1, "workerConfiguration": {"cpu": "2 vCPU", "memory": "3 GB"}},
                                     "EXECUTOR": {"workerCount": 1}}}
                """);

        assertThat(WorkerSizes.driver(application, Map.of())).isEqualTo(new WorkerSpec(2, 3072, 20));
        assertThat(WorkerSizes.executor(application, Map.of())).isEqualTo(WorkerSizes.DEFAULT_WORKER);
    }

    @Test
    void sparkPropertiesWinMemberByMember()
    {
        ApplicationConfiguration application = application("""
                {"initialCapacity": {
                  "DRIVER": {"workerCount": 1, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB", "disk": "30 GB"}},
                  "EXECUTOR": {"workerCount": 1, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB", "disk": "30 GB"}}}}
                """);
        Map<String, String> properties = Map.of(
                "spark.driver.cores", "3",
                "spark.executor.memory", "512m",
                "spark.emr-serverless.executor.disk", "50G");

        assertThat(WorkerSizes.driver(application, properties)).isEqualTo(new WorkerSpec(3, 4096, 30));
        assertThat(WorkerSizes.executor(application, properties)).isEqualTo(new WorkerSpec(2, 512, 50));
    }

    @Test
    void readsEveryDriverAndExecutorProperty()
    {
        Map<String, String> properties = Map.of(
                "spark.driver.cores", "2", "spark.driver.memory", "2g", "spark.emr-serverless.driver.disk", "21G",
                "spark.executor.cores", "3", "spark.executor.memory", "1536", "spark.emr-serverless.executor.disk", "22g");

        assertThat(WorkerSizes.driver(application("{}"), properties)).isEqualTo(new WorkerSpec(2, 2048, 21));
        assertThat(WorkerSizes.executor(application("{}"), properties)).isEqualTo(new WorkerSpec(3, 1536, 22));
    }

    @Test
    void readsSparkMemoryInSparksSizeSyntax()
    {
        assertThat(executorMemoryMb("1g")).isEqualTo(1024);
        assertThat(executorMemoryMb("2G")).isEqualTo(2048);
        assertThat(executorMemoryMb("2gb")).isEqualTo(2048);
        assertThat(executorMemoryMb("512m")).isEqualTo(512);
        assertThat(executorMemoryMb("768MB")).isEqualTo(768);
        assertThat(executorMemoryMb("2048")).isEqualTo(2048);
        assertThat(executorMemoryMb("1048576k")).isEqualTo(1024);
        assertThat(executorMemoryMb("1t")).isEqualTo(1024 * 1024);
        assertThat(executorMemoryMb(" 3g ")).isEqualTo(3072);
    }

    @Test
    void rejectsSparkPropertiesThatDoNotParse()
    {
        assertValidation(() -> executorMemoryMb("1.5g"), "spark.executor.memory", "1.5g");
        assertValidation(() -> executorMemoryMb("lots"), "spark.executor.memory", "lots");
        assertValidation(() -> executorMemoryMb("0"), "spark.executor.memory", "0");
        assertValidation(() -> executorMemoryMb("100k"), "spark.executor.memory", "100k");
        assertValidation(() -> executorMemoryMb("99999999999p"), "spark.executor.memory", "99999999999p");
        assertValidation(() -> WorkerSizes.driver(application("{}"), Map.of("spark.driver.cores", "0")), "spark.driver.cores", "0");
        assertValidation(() -> WorkerSizes.driver(application("{}"), Map.of("spark.driver.cores", "two")), "spark.driver.cores", "two");
        assertValidation(() -> WorkerSizes.driver(application("{}"), Map.of("spark.emr-serverless.driver.disk", "20T")),
                "spark.emr-serverless.driver.disk", "20T");
    }

    @Test
    void acceptsEveryFormOfTheModelsSizeStrings()
    {
        for (String cpu : new String[] {"2", "2 vCPU", "2vCPU", "2 vcpu", "2VCPU"}) {
            for (String memory : new String[] {"4", "4 GB", "4GB", "4 gb", "4gB", "4 Gb"}) {
                ApplicationConfiguration application = application("""
                        {"initialCapacity": {"DRIVER": {"workerCount": 1,
                          "workerConfiguration": {"cpu": "%s", "memory": "%s", "disk": "25 Gb"}}}}
                        """.formatted(cpu, memory));

                assertThat(WorkerSizes.driver(application, Map.of())).isEqualTo(new WorkerSpec(2, 4096, 25));
            }
        }
    }

    @Test
    void rejectsWorkerConfigurationsThatDoNotParse()
    {
        assertValidation(() -> WorkerSizes.driver(driverConfiguration("\"cpu\": \"2 cores\""), Map.of()),
                "initialCapacity.DRIVER.workerConfiguration.cpu", "2 cores");
        assertValidation(() -> WorkerSizes.driver(driverConfiguration("\"memory\": \"4 MB\""), Map.of()),
                "initialCapacity.DRIVER.workerConfiguration.memory", "4 MB");
        // DiskSize, unlike MemorySize, must name its unit.
        assertValidation(() -> WorkerSizes.driver(driverConfiguration("\"disk\": \"20\""), Map.of()),
                "initialCapacity.DRIVER.workerConfiguration.disk", "20");
    }

    @Test
    void usesTheDefaultCeilingWithoutAMaximumCapacity()
    {
        assertThat(WorkerSizes.maximum(application("{}"))).isEqualTo(new Capacity(8, 16, 400));
    }

    @Test
    void readsTheMaximumCapacityWithDiskUnlimitedWhenLeftOut()
    {
        assertThat(WorkerSizes.maximum(application("{\"maximumCapacity\": {\"cpu\": \"4 vCPU\", \"memory\": \"10 GB\", \"disk\": \"100 GB\"}}")))
                .isEqualTo(new Capacity(4, 10, 100));
        assertThat(WorkerSizes.maximum(application("{\"maximumCapacity\": {\"cpu\": \"4\", \"memory\": \"10\"}}")))
                .isEqualTo(new Capacity(4, 10, Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsAMaximumCapacityThatDoesNotParse()
    {
        assertValidation(() -> WorkerSizes.maximum(application("{\"maximumCapacity\": {\"cpu\": \"lots\", \"memory\": \"10 GB\"}}")),
                "maximumCapacity.cpu", "lots");
        assertValidation(() -> WorkerSizes.maximum(application("{\"maximumCapacity\": {\"cpu\": \"4\", \"memory\": \"10 GB\", \"disk\": \"1 TB\"}}")),
                "maximumCapacity.disk", "1 TB");
        assertValidation(() -> WorkerSizes.maximum(application("{\"maximumCapacity\": {\"cpu\": \"4\"}}")),
                "maximumCapacity.memory", "required");
    }

    @Test
    void acceptsAnInitialCapacityThatExactlyMeetsTheMaximum()
    {
        // 1 x (2 vCPU, 4 GB, 20 GB) + 3 x (2 vCPU, 4 GB, 20 GB) = 8 vCPU, 16 GB, 80 GB.
        WorkerSizes.validate(application("""
                {"initialCapacity": {
                  "DRIVER": {"workerCount": 1, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB", "disk": "20 GB"}},
                  "EXECUTOR": {"workerCount": 3, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB", "disk": "20 GB"}}},
                 "maximumCapacity": {"cpu": "8 vCPU", "memory": "16 GB", "disk": "80 GB"}}
                """));
        WorkerSizes.validate(application("{}"));
    }

    @Test
    void rejectsAnInitialCapacityAboveTheMaximum()
    {
        ApplicationConfiguration application = application("""
                {"initialCapacity": {
                  "DRIVER": {"workerCount": 1, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB"}},
                  "EXECUTOR": {"workerCount": 2, "workerConfiguration": {"cpu": "2 vCPU", "memory": "4 GB"}}},
                 "maximumCapacity": {"cpu": "8 vCPU", "memory": "10 GB"}}
                """);

        assertThatThrownBy(() -> WorkerSizes.validate(application))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessage("The initial capacity (1 DRIVER of 2 vCPU, 4 GB, 20 GB disk + 2 EXECUTOR of 2 vCPU, 4 GB, 20 GB disk: "
                        + "6 vCPU, 12 GB, 60 GB disk) exceeds maximumCapacity (8 vCPU, 10 GB, no disk limit)");
    }

    @Test
    void rejectsAnInitialCapacityAboveTheDefaultCeiling()
    {
        ApplicationConfiguration application = application("{\"initialCapacity\": {\"EXECUTOR\": {\"workerCount\": 9}}}");

        assertThatThrownBy(() -> WorkerSizes.validate(application))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("9 vCPU, 9 GB, 180 GB disk")
                .hasMessageContaining("the default maximum capacity (8 vCPU, 16 GB, 400 GB disk); set maximumCapacity to allow more");
    }

    @Test
    void rejectsUnparsableSizesWhileValidating()
    {
        assertValidation(() -> WorkerSizes.validate(application("""
                {"initialCapacity": {"EXECUTOR": {"workerCount": 1, "workerConfiguration": {"cpu": "1", "memory": "1 TB"}}}}
                """)), "initialCapacity.EXECUTOR.workerConfiguration.memory", "1 TB");
        assertValidation(() -> WorkerSizes.validate(application("{\"maximumCapacity\": {\"cpu\": \"-1\", \"memory\": \"1\"}}")),
                "maximumCapacity.cpu", "-1");
    }

    private long executorMemoryMb(String value)
    {
        return WorkerSizes.executor(application("{}"), Map.of("spark.executor.memory", value)).memoryMb();
    }

    private ApplicationConfiguration driverConfiguration(String members)
    {
        return application("{\"initialCapacity\": {\"DRIVER\": {\"workerCount\": 1, \"workerConfiguration\": {%s}}}}".formatted(members));
    }

    private ApplicationConfiguration application(String capacityMembers)
    {
        try {
            ObjectNode input = (ObjectNode) json.readTree(capacityMembers);
            input.put("name", "sizes").put("releaseLabel", "emr-7.12.0").put("type", "SPARK");
            return ApplicationConfiguration.forCreate(input);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("bad test document: " + capacityMembers, e);
        }
    }

    private static void assertValidation(ThrowingCallable call, String member, String value)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining(member)
                .hasMessageContaining(value);
    }
}
