package io.emrys.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One audited API call.
 *
 * @param eventSource the service called, by its signing name ({@code emr-serverless}, {@code iam}, {@code sts})
 * @param action such as {@code emr-serverless:StartJobRun}
 * @param resource the ARN the call was authorized on ({@code *} when none)
 * @param allowed whether the call was allowed; a denied call changed nothing
 * @param errorCode the error the call ended with, if it failed
 */
public record AuditEvent(Instant eventTime, String requestId, String eventSource, String action, String resource, String principalArn, String accessKeyId,
        String sourceIp, boolean allowed, Optional<String> errorCode)
{
    public AuditEvent
    {
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(eventSource, "eventSource is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(errorCode, "errorCode is null");
    }
}
