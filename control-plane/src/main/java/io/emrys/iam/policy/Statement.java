package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a policy. {@code principal} is present in resource and trust policies only; {@code resources}
 * is absent in trust policies, whose statements apply to the role they belong to.
 */
public record Statement(
        Optional<String> sid,
        Effect effect,
        Optional<PrincipalElement> principal,
        ListElement actions,
        Optional<ListElement> resources,
        List<Condition> conditions)
{
    public Statement
    {
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(actions, "actions is null");
        requireNonNull(resources, "resources is null");
        conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
    }

    /**
     * Whether the statement applies to the request: its principal (if it names one), action, resource and every
     * condition. {@code variables} says whether the document's version substitutes policy variables; a resource
     * entry whose variable has no value matches no resource, as IAM documents for Resource and NotResource alike.
     */
    boolean appliesTo(RequestContext request, boolean variables)
    {
        if (principal.isPresent() && !principal.get().matches(request.principal())) {
            return false;
        }
        if (!actions.covers(request.action(), Wildcards::matchesIgnoreCase)) {
            return false;
        }
        if (resources.isPresent() && !resources.get().covers(request.resource(),
                (pattern, resource) -> PolicyVariables.resolve(pattern, request.keys(), variables, true)
                        .map(resolved -> Wildcards.matchesResource(resolved, resource))
                        .orElse(false))) {
            return false;
        }
        return conditions.stream().allMatch(condition -> condition.matches(request.keys(), variables));
    }
}
