/**
 * The model-driven restJson1 front door. Start at {@link io.emrys.api.protocol.RestJson1Service} (an Armeria
 * service built from a Smithy model, a service shape and {@link io.emrys.api.protocol.OperationHandler}s by
 * operation name) and {@link io.emrys.api.protocol.SmithyModels} (loads the bundled AWS models). Inside, one
 * request goes {@code RestJsonRouter} (route from {@code @http}) -> {@code HttpRequestDecoder} (bindings to a
 * normalized document) -> {@code ConstraintValidator} -> the handler -> {@code HttpResponseEncoder}; every
 * failure becomes a wire error in {@code ErrorMapper} only.
 */
package io.emrys.api.protocol;
