package io.emrys.objectstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ObjectStoreSettingsTest
{
    @Test
    void derivesS3aPropertiesForPlainHttpPathStyleEndpoint()
    {
        ObjectStoreSettings settings = new ObjectStoreSettings(URI.create("http://127.0.0.1:9000"), "us-east-1", "AKIDEXAMPLE", "secret", true);

        Map<String, String> properties = settings.hadoopS3aProperties();

        assertThat(properties)
                .containsEntry("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
                .containsEntry("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
                .containsEntry("fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A")
                .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("fs.s3a.endpoint.region", "us-east-1")
                .containsEntry("fs.s3a.path.style.access", "true")
                .containsEntry("fs.s3a.connection.ssl.enabled", "false")
                .containsEntry("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
                .containsEntry("fs.s3a.access.key", "AKIDEXAMPLE")
                .containsEntry("fs.s3a.secret.key", "secret");
        assertThat(properties.keySet()).allMatch(key -> key.startsWith("fs."));
    }

    @Test
    void derivesS3aPropertiesForHttpsVirtualHostEndpoint()
    {
        ObjectStoreSettings settings = new ObjectStoreSettings(URI.create("https://s3.eu-west-1.amazonaws.com"), "eu-west-1", "AKIDEXAMPLE", "secret", false);

        assertThat(settings.hadoopS3aProperties())
                .containsEntry("fs.s3a.endpoint.region", "eu-west-1")
                .containsEntry("fs.s3a.path.style.access", "false")
                .containsEntry("fs.s3a.connection.ssl.enabled", "true");
    }

    @Test
    void neverPrintsSecret()
    {
        ObjectStoreSettings settings = new ObjectStoreSettings(URI.create("http://127.0.0.1:9000"), "us-east-1", "AKIDEXAMPLE", "top-secret-value", true);

        assertThat(settings.toString()).contains("AKIDEXAMPLE").doesNotContain("top-secret-value");
    }

    @Test
    void rejectsEndpointWithoutHttpScheme()
    {
        assertThatThrownBy(() -> new ObjectStoreSettings(URI.create("s3://bucket"), "us-east-1", "a", "b", true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObjectStoreSettings(URI.create("127.0.0.1:9000"), "us-east-1", "a", "b", true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
