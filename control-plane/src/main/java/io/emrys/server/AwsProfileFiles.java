package io.emrys.server;

import io.emrys.common.OwnerOnlyFiles;

import io.emrys.common.Credential;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Writes an AWS shared credentials file and config file for the profile {@code emrys}, so that
 * {@code AWS_CONFIG_FILE=<data>/aws/config AWS_SHARED_CREDENTIALS_FILE=<data>/aws/credentials aws --profile emrys ...}
 * and boto3 reach Emrys with no other setup. Endpoints go in a {@code services} section, which the AWS CLI, boto3
 * and the SDKs read per service (service ids in snake case: {@code emr_serverless}, {@code emr}, {@code iam}, {@code sts}, {@code s3}).
 */
public final class AwsProfileFiles
{
    public static final String PROFILE = "emrys";

    private AwsProfileFiles() {}

    public static void write(Path directory, Credential root, String region, URI apiEndpoint, Optional<URI> objectStoreEndpoint)
            throws IOException
    {
        Files.createDirectories(directory);
        String credentials = """
                [%s]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                """.formatted(PROFILE, root.accessKeyId(), root.secretAccessKey());
        // a comment for the user who opens the file: StartJobRun and StartSession need a role the service may assume
        String config = """
                # Job runs and sessions run as an execution role that emr-serverless.amazonaws.com may assume, e.g.:
                #   aws --profile %1$s iam create-role --role-name emrys-job-role --assume-role-policy-document \
                #     '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"emr-serverless.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
                #   aws --profile %1$s iam put-role-policy --role-name emrys-job-role --policy-name s3 \
                #     --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
                # then pass --execution-role-arn "$(aws --profile %1$s iam get-role --role-name emrys-job-role --query Role.Arn --output text)"
                [profile %1$s]
                region = %2$s
                services = %1$s-services
                s3 =
                  addressing_style = path

                [services %1$s-services]
                emr_serverless =
                  endpoint_url = %3$s
                emr =
                  endpoint_url = %3$s
                iam =
                  endpoint_url = %3$s%4$s
                sts =
                  endpoint_url = %3$s%5$s
                """.formatted(PROFILE, region, strip(apiEndpoint), EmrysServer.IAM_PATH, EmrysServer.STS_PATH)
                + objectStoreEndpoint.map(endpoint -> "s3 =\n  endpoint_url = " + strip(endpoint) + "\n").orElse("");
        writeSecret(directory.resolve("credentials"), credentials);
        writeSecret(directory.resolve("config"), config);
    }

    private static String strip(URI endpoint)
    {
        String text = endpoint.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Written to a temporary file first and moved, so a reader never sees half a file; owner-only, as it holds a secret. */
    private static void writeSecret(Path file, String content)
            throws IOException
    {
        Path temporary = OwnerOnlyFiles.createTemporaryFile(file.toAbsolutePath().getParent(), "." + file.getFileName());
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
