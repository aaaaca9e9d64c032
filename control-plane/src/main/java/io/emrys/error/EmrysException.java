package io.emrys.error;

import static java.util.Objects.requireNonNull;

/**
 * A failure with a code from the catalogue. Messages name the offending value and what was expected, because
 * they reach the user verbatim (except for {@link ErrorCode#INTERNAL}).
 */
public final class EmrysException
        extends RuntimeException
{
    private final ErrorCode code;

    public EmrysException(ErrorCode code, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    public EmrysException(ErrorCode code, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code()
    {
        return code;
    }

    public static EmrysException validation(String message)
    {
        return new EmrysException(ErrorCode.VALIDATION, message);
    }

    public static EmrysException notFound(String message)
    {
        return new EmrysException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static EmrysException conflict(String message)
    {
        return new EmrysException(ErrorCode.CONFLICT, message);
    }

    public static EmrysException accessDenied(String message)
    {
        return new EmrysException(ErrorCode.ACCESS_DENIED, message);
    }

    public static EmrysException alreadyExists(String message)
    {
        return new EmrysException(ErrorCode.ALREADY_EXISTS, message);
    }
}
