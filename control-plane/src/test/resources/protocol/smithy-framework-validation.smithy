$version: "2.0"

// Written from the Smithy specification of smithy.framework#ValidationException (the smithy-validation-model
// artifact is not on our Maven mirror). The restJson1 compliance suite's validation service names these shapes.
namespace smithy.framework

/// A standard error for input validation failures: a summary message and, per failed field, its JSON pointer
/// path and message.
@error("client")
structure ValidationException {
    /// A summary of the validation failure.
    @required
    message: String

    /// A list of specific failures encountered while validating the input.
    fieldList: ValidationExceptionFieldList
}

/// Describes one specific validation failure for an input member.
structure ValidationExceptionField {
    /// A JSONPointer expression to the structure member whose value failed to satisfy the modeled constraints.
    @required
    path: String

    /// A detailed description of the validation failure.
    @required
    message: String
}

list ValidationExceptionFieldList {
    member: ValidationExceptionField
}
