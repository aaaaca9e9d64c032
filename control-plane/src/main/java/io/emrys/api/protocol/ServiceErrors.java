package io.emrys.api.protocol;

import io.emrys.error.ErrorCode;
import java.util.OptionalInt;

/**
 * One service's names for the closed set of {@link ErrorCode}s: the error shapes of its model that each code is
 * reported as (EMR Serverless says {@code ResourceNotFoundException}, the EMR API {@code InvalidRequestException}).
 * Given to the protocol per service; the protocol's error mapper then finds the shape and writes it in its own
 * wire form. Implementations should be switch expressions without a default, so a new code fails to compile.
 */
@FunctionalInterface
public interface ServiceErrors
{
    /** The simple name of the model's error structure this code is reported as. */
    String errorName(ErrorCode code);

    /**
     * The status of a code whose name is not an error shape of the model (such as awsQuery's ValidationError or
     * STS's AccessDenied), when it is not the code's usual one (400, 404, 409, 402, 500); empty keeps that.
     */
    default OptionalInt unmodeledStatus(ErrorCode code)
    {
        return OptionalInt.empty();
    }
}
