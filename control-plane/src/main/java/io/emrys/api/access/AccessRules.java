package io.emrys.api.access;

import io.emrys.api.protocol.OperationCall;
import java.util.List;

/** The permissions one service's operations need, from the operation's name and its input (AWS's service authorization reference). */
@FunctionalInterface
public interface AccessRules
{
    /** Every permission the call needs, in the order they are checked; empty for calls that need none. */
    List<AccessRequest> required(OperationCall call);
}
