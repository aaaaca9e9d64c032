package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Principal or NotPrincipal. {@code anyone} stands for {@code "*"} and its equivalent {@code {"AWS": "*"}}. An AWS
 * entry is an account (its id or {@code arn:aws:iam::<id>:root}, meaning every principal of that account), a user or
 * role ARN, or an assumed-role session ARN. A role's ARN also stands for that role's sessions, since IAM resolves it
 * to the role and a session acts as its role.
 */
public record PrincipalElement(boolean negated, boolean anyone, Map<PrincipalType, List<String>> ids)
{
    public PrincipalElement
    {
        requireNonNull(ids, "ids is null");
        Map<PrincipalType, List<String>> copy = new EnumMap<>(PrincipalType.class);
        ids.forEach((type, values) -> copy.put(type, List.copyOf(values)));
        ids = Map.copyOf(copy);
    }

    public boolean matches(RequestPrincipal principal)
    {
        boolean listed = anyone || ids.getOrDefault(principal.type(), List.of()).stream().anyMatch(id -> names(id, principal));
        return negated != listed;
    }

    static boolean isAccountId(String text)
    {
        return text.length() == 12 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean names(String id, RequestPrincipal principal)
    {
        if (principal.type() != PrincipalType.AWS) {
            return principal.type() == PrincipalType.SERVICE ? id.equalsIgnoreCase(principal.id()) : id.equals(principal.id());
        }
        if (isAccountId(id)) {
            return principal.accountId().map(id::equals).orElse(false);
        }
        String[] parts = id.split(":", 6);
        if (parts.length != 6) {
            return false;
        }
        if (parts[2].equals("iam") && parts[5].equals("root")) {
            return principal.accountId().map(parts[4]::equals).orElse(false);
        }
        if (id.equals(principal.id())) {
            return true;
        }
        if (parts[2].equals("iam") && parts[5].startsWith("role/")) {
            String roleName = parts[5].substring(parts[5].lastIndexOf('/') + 1);
            String sessionPrefix = "arn:" + parts[1] + ":sts::" + parts[4] + ":assumed-role/" + roleName + "/";
            return principal.id().startsWith(sessionPrefix) && principal.id().length() > sessionPrefix.length();
        }
        return false;
    }
}
