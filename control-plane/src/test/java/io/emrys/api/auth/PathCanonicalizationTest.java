package io.emrys.api.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class PathCanonicalizationTest
{
    @Test
    void encodesTheWirePathOnceMoreForApiServices()
    {
        assertThat(PathCanonicalization.forService("emr-serverless").canonicalUri("/applications/a%2Bb")).isEqualTo("/applications/a%252Bb");
        assertThat(PathCanonicalization.forService("elasticmapreduce").canonicalUri("")).isEqualTo("/");
    }

    @Test
    void keepsTheWirePathForS3()
    {
        assertThat(PathCanonicalization.forService("s3").canonicalUri("/bucket/a%2Bb/../c")).isEqualTo("/bucket/a%2Bb/../c");
    }

    @Test
    void removesDotAndEmptySegmentsLikeTheAwsSigners()
    {
        assertThat(PathCanonicalization.removeDotSegments("//a//b/")).isEqualTo("/a/b/");
        assertThat(PathCanonicalization.removeDotSegments("/a/b/..")).isEqualTo("/a");
        assertThat(PathCanonicalization.removeDotSegments("/../..")).isEqualTo("/");
        assertThat(PathCanonicalization.removeDotSegments("/./a/./")).isEqualTo("/a/");
    }

    @Test
    void canonicalQueryIsSortedAndEncodedIndependentlyOfTheClientsEscaping()
    {
        assertThat(QueryParameters.canonical("b=2&a=%7e&a=1&c&d=a+b%20c", false)).isEqualTo("a=1&a=~&b=2&c=&d=a%2Bb%20c");
        assertThat(QueryParameters.canonical("X-Amz-Signature=abc&x=1", true)).isEqualTo("x=1");
    }
}
