package io.emrys.api.serverless;

import io.emrys.api.protocol.ServiceErrors;
import io.emrys.error.ErrorCode;

/** EMR Serverless's error shapes for each {@link ErrorCode}, as its model names them. */
public final class ServerlessErrors
        implements ServiceErrors
{
    @Override
    public String errorName(ErrorCode code)
    {
        // no default: a new ErrorCode must be given an EMR Serverless error before this compiles
        return switch (code) {
            case VALIDATION -> "ValidationException";
            case RESOURCE_NOT_FOUND -> "ResourceNotFoundException";
            case CONFLICT, ALREADY_EXISTS, DELETE_CONFLICT -> "ConflictException";
            // not in the model, as AWS answers it: SDKs see a 403 with this code
            case ACCESS_DENIED -> "AccessDeniedException";
            case MALFORMED_POLICY -> "ValidationException";
            case SERVICE_QUOTA_EXCEEDED -> "ServiceQuotaExceededException";
            case INTERNAL -> "InternalServerException";
        };
    }
}
