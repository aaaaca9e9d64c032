package io.emrys.api.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What a signature must be bound to on one endpoint: the region the server serves and the signing names of the
 * services behind it. A signature is only valid for the scope its key was derived for, so a request signed for
 * another service (a presigned object-store URL replayed at the API, say) or another region is refused however
 * correct its signature is. The API also refuses {@code UNSIGNED-PAYLOAD}: its bodies are small, and an unsigned
 * body could be swapped under a valid signature.
 *
 * @param regions the regions a signature may name: the server's region, such as {@code us-east-1}; a global service
 *         (IAM) also takes {@code us-east-1}, where AWS's SDKs sign for it
 * @param services the signing names accepted, such as {@code emr-serverless}
 * @param unsignedPayloadAllowed whether {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} is accepted
 */
public record EndpointScope(Set<String> regions, Set<String> services, boolean unsignedPayloadAllowed)
{
    public EndpointScope
    {
        regions = Set.copyOf(requireNonNull(regions, "regions is null"));
        services = Set.copyOf(requireNonNull(services, "services is null"));
        if (regions.isEmpty() || regions.stream().anyMatch(String::isBlank) || services.isEmpty()) {
            throw new IllegalArgumentException("An endpoint scope needs a region and at least one service");
        }
    }

    /** An API endpoint: signed payloads only. */
    public static EndpointScope api(String region, String... services)
    {
        return new EndpointScope(Set.of(region), Set.of(services), false);
    }

    /** A global service's endpoint (IAM): signatures for {@code us-east-1}, where SDKs sign global services, or the server's region. */
    public static EndpointScope global(String region, String... services)
    {
        return new EndpointScope(Set.copyOf(List.of(region, "us-east-1")), Set.of(services), false);
    }

    /** Why a signature with this credential scope is not for this endpoint, in AWS's words; empty when it is. */
    Optional<String> whyForeign(CredentialScope scope)
    {
        if (!services.contains(scope.service())) {
            return Optional.of("Credential should be scoped to correct service: '" + String.join("' or '", new TreeSet<>(services)) + "'. ");
        }
        if (!regions.contains(scope.region())) {
            return Optional.of("Credential should be scoped to a valid region. ");
        }
        return Optional.empty();
    }

    /** Why a request whose signature covers its payload this way is refused here; empty when it is accepted. */
    Optional<String> whyRefused(PayloadMode payloadMode)
    {
        if (payloadMode == PayloadMode.UNSIGNED && !unsignedPayloadAllowed) {
            return Optional.of("UNSIGNED-PAYLOAD is not accepted on this endpoint: sign the request's body (x-amz-content-sha256 with its SHA-256).");
        }
        return Optional.empty();
    }
}
