package io.emrys.objectstore;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class S3LocationTest
{
    @Test
    void parsesS3AndS3aUris()
    {
        assertThat(S3Location.parse("s3://logs-bucket/applications/app/jobs/run/SPARK_DRIVER/stdout.gz"))
                .isEqualTo(new S3Location("logs-bucket", "applications/app/jobs/run/SPARK_DRIVER/stdout.gz"));
        assertThat(S3Location.parse("s3a://data.bucket/warehouse/")).isEqualTo(new S3Location("data.bucket", "warehouse/"));
        assertThat(S3Location.parse("S3://upper-scheme/key")).isEqualTo(new S3Location("upper-scheme", "key"));
    }

    @Test
    void acceptsBucketWithoutKey()
    {
        assertThat(S3Location.parse("s3://bucket")).isEqualTo(new S3Location("bucket", ""));
        assertThat(S3Location.parse("s3://bucket/")).isEqualTo(new S3Location("bucket", ""));
    }

    @Test
    void keepsKeyCharactersVerbatim()
    {
        assertThat(S3Location.parse("s3://bucket/a b/c%20d/e+f=g?h").key()).isEqualTo("a b/c%20d/e+f=g?h");
    }

    @Test
    void rejectsOtherSchemesAndMalformedUris()
    {
        assertValidationError(null);
        assertValidationError("");
        assertValidationError("   ");
        assertValidationError("bucket/key");
        assertValidationError("s3n://bucket/key");
        assertValidationError("hdfs://namenode/path");
        assertValidationError("s3:/bucket/key");
        assertValidationError("s3://");
        assertValidationError("s3:///key");
        assertValidationError("s3://bucket//key");
    }

    @Test
    void rejectsInvalidBucketNames()
    {
        assertValidationError("s3://ab/key");
        assertValidationError("s3://Upper/key");
        assertValidationError("s3://under_score/key");
        assertValidationError("s3://-leading/key");
        assertValidationError("s3://trailing-/key");
        assertValidationError("s3://double..dot/key");
        assertValidationError("s3://" + "a".repeat(64) + "/key");
        assertThat(S3Location.parse("s3://" + "a".repeat(63) + "/key").bucket()).hasSize(63);
    }

    @Test
    void resolvesNamesUnderFolder()
    {
        assertThat(S3Location.parse("s3://bucket/logs").resolve("applications")).hasToString("s3://bucket/logs/applications");
        assertThat(S3Location.parse("s3://bucket/logs/").resolve("applications")).hasToString("s3://bucket/logs/applications");
        assertThat(S3Location.parse("s3://bucket").resolve("applications")).hasToString("s3://bucket/applications");
    }

    private static void assertValidationError(String uri)
    {
        assertThatThrownBy(() -> S3Location.parse(uri))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
    }
}
