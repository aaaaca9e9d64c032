package io.emrys.api.sts;

import io.emrys.api.protocol.ServiceErrors;
import io.emrys.error.ErrorCode;
import java.util.OptionalInt;

/**
 * STS's errors for each {@link ErrorCode}. STS models no error for a missing resource, a conflict, a quota or an
 * internal failure, so these are the unmodeled codes AWS's query services answer with (its common errors).
 */
public final class StsErrors
        implements ServiceErrors
{
    @Override
    public String errorName(ErrorCode code)
    {
        // no default: a new ErrorCode must be given an STS error before this compiles
        return switch (code) {
            case VALIDATION -> "ValidationError";
            // STS answers AssumeRole of a role that does not exist as a refusal: AccessDenied, 403
            case RESOURCE_NOT_FOUND -> "AccessDenied";
            case CONFLICT, ALREADY_EXISTS, DELETE_CONFLICT -> "InvalidParameterValue";
            case ACCESS_DENIED -> "AccessDenied";
            case MALFORMED_POLICY -> "MalformedPolicyDocumentException";
            case SERVICE_QUOTA_EXCEEDED -> "LimitExceeded";
            case INTERNAL -> "InternalFailure";
        };
    }

    @Override
    public OptionalInt unmodeledStatus(ErrorCode code)
    {
        return switch (code) {
            case RESOURCE_NOT_FOUND -> OptionalInt.of(403);
            case CONFLICT, ALREADY_EXISTS, DELETE_CONFLICT, SERVICE_QUOTA_EXCEEDED -> OptionalInt.of(400);
            case VALIDATION, INTERNAL, ACCESS_DENIED, MALFORMED_POLICY -> OptionalInt.empty();
        };
    }
}
