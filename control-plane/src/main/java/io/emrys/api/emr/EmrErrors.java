package io.emrys.api.emr;

import io.emrys.api.protocol.ServiceErrors;
import io.emrys.error.ErrorCode;

/**
 * The EMR API's error shapes: a request naming something that does not exist (or is in the wrong state for it) is
 * InvalidRequestException, as AWS answers DescribeCluster with an unknown id; input the model's constraints or the
 * server refuse is ValidationException, which AWS sends though the model does not declare it (TerminateJobFlows on
 * a protected cluster, an unsupported instance type or application).
 */
public final class EmrErrors
        implements ServiceErrors
{
    @Override
    public String errorName(ErrorCode code)
    {
        // no default: a new ErrorCode must be given an EMR error before this compiles
        return switch (code) {
            case VALIDATION, MALFORMED_POLICY -> "ValidationException";
            case RESOURCE_NOT_FOUND, CONFLICT, ALREADY_EXISTS, DELETE_CONFLICT, SERVICE_QUOTA_EXCEEDED -> "InvalidRequestException";
            // not in the model, as AWS answers it: SDKs see a 400 with this code
            case ACCESS_DENIED -> "AccessDeniedException";
            case INTERNAL -> "InternalServerException";
        };
    }
}
