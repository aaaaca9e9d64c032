package io.emrys.error;

/**
 * The closed set of failures a service can report. Each protocol maps a code to its wire error in exactly
 * one place (for restJson1: {@code io.emrys.api.protocol}), so services never name an HTTP status or an
 * AWS error shape.
 */
public enum ErrorCode
{
    /** The input breaks a constraint of the model or of Emrys (400 ValidationException). */
    VALIDATION(ErrorCategory.USER),
    /** The named application, job run, session or tagged resource does not exist (404 ResourceNotFoundException). */
    RESOURCE_NOT_FOUND(ErrorCategory.USER),
    /** The request conflicts with the resource's current state or an earlier request (409 ConflictException). */
    CONFLICT(ErrorCategory.USER),
    /** The caller's policies do not allow the action on the resource (403 AccessDeniedException; IAM and STS: AccessDenied). */
    ACCESS_DENIED(ErrorCategory.USER),
    /** A resource of that name exists already (IAM: 409 EntityAlreadyExists; EMR Serverless: ConflictException). */
    ALREADY_EXISTS(ErrorCategory.USER),
    /** The resource still has dependents that must go first (IAM: 409 DeleteConflict). */
    DELETE_CONFLICT(ErrorCategory.USER),
    /** A policy document that is not valid IAM policy JSON (IAM and STS: 400 MalformedPolicyDocument). */
    MALFORMED_POLICY(ErrorCategory.USER),
    /** A quota such as the sessions per application is used up (402 ServiceQuotaExceededException). */
    SERVICE_QUOTA_EXCEEDED(ErrorCategory.RESOURCES),
    /** Emrys itself failed; the message shown to the caller never carries internal detail. */
    INTERNAL(ErrorCategory.INTERNAL);

    private final ErrorCategory category;

    ErrorCode(ErrorCategory category)
    {
        this.category = category;
    }

    public ErrorCategory category()
    {
        return category;
    }
}
