package io.emrys.api.iam;

import io.emrys.api.protocol.ServiceErrors;
import io.emrys.error.ErrorCode;

/**
 * IAM's errors for each {@link ErrorCode}. The model's shapes carry the awsQuery code and status clients see
 * (NoSuchEntityException is {@code NoSuchEntity}, 404); a broken constraint is {@code ValidationError}, 400, which
 * IAM answers but does not model.
 */
public final class IamErrors
        implements ServiceErrors
{
    @Override
    public String errorName(ErrorCode code)
    {
        // no default: a new ErrorCode must be given an IAM error before this compiles
        return switch (code) {
            case VALIDATION -> "ValidationError";
            case RESOURCE_NOT_FOUND -> "NoSuchEntityException";
            // the conflict IAM's handlers meet most: creating a user, role or policy whose name is taken (409)
            case CONFLICT, ALREADY_EXISTS -> "EntityAlreadyExistsException";
            case DELETE_CONFLICT -> "DeleteConflictException";
            case MALFORMED_POLICY -> "MalformedPolicyDocumentException";
            // not modeled; IAM answers it with this code and 403
            case ACCESS_DENIED -> "AccessDenied";
            case SERVICE_QUOTA_EXCEEDED -> "LimitExceededException";
            case INTERNAL -> "ServiceFailureException";
        };
    }
}
