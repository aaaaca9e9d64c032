package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The condition keys of a request and their values. Key names are case-insensitive, as in IAM
 * ({@code aws:username} is {@code aws:UserName}); values keep their case. A key may hold several values
 * ({@code aws:TagKeys}); a key with no values counts as absent, as IAM treats an empty set.
 */
public final class ConditionKeys
{
    private static final ConditionKeys EMPTY = new ConditionKeys(Map.of());

    private final Map<String, List<String>> values;

    private ConditionKeys(Map<String, List<String>> values)
    {
        this.values = Map.copyOf(values);
    }

    public static ConditionKeys empty()
    {
        return EMPTY;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** The key's values, or empty if the request has none. */
    public Optional<List<String>> get(String key)
    {
        return Optional.ofNullable(values.get(normalize(key)));
    }

    /** Every key (lower-cased) and its values. */
    public Map<String, List<String>> asMap()
    {
        return values;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ConditionKeys keys && values.equals(keys.values);
    }

    @Override
    public int hashCode()
    {
        return values.hashCode();
    }

    @Override
    public String toString()
    {
        return values.toString();
    }

    private static String normalize(String key)
    {
        return key.toLowerCase(Locale.ROOT);
    }

    /** Collects keys; the global ones have their own methods so that callers spell them as IAM does. */
    public static final class Builder
    {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {}

        /** Sets {@code key} to {@code keyValues}, replacing what it held. */
        public Builder put(String key, List<String> keyValues)
        {
            requireNonNull(key, "key is null");
            List<String> copy = List.copyOf(keyValues);
            if (copy.isEmpty()) {
                values.remove(normalize(key));
            }
            else {
                values.put(normalize(key), copy);
            }
            return this;
        }

        public Builder put(String key, String value)
        {
            return put(key, List.of(requireNonNull(value, "value is null")));
        }

        /**
         * {@code aws:PrincipalArn}, {@code aws:PrincipalAccount} and {@code aws:PrincipalType} of an IAM principal, or
         * {@code aws:PrincipalServiceName} of a service. For a role session IAM gives the role's ARN, not the
         * session's; rebuilt from the session ARN it lacks the role's path, which a session ARN does not carry.
         */
        public Builder principal(RequestPrincipal principal)
        {
            switch (principal.type()) {
                case AWS -> awsPrincipal(principal.id());
                case SERVICE -> put("aws:PrincipalServiceName", principal.id());
                case FEDERATED, CANONICAL_USER -> { }
            }
            principal.accountId().ifPresent(account -> put("aws:PrincipalAccount", account));
            return this;
        }

        private void awsPrincipal(String arn)
        {
            String[] parts = arn.split(":", 6);
            String resource = parts[5];
            if (parts[2].equals("sts") && resource.startsWith("assumed-role/")) {
                String session = resource.substring("assumed-role/".length());
                String role = session.indexOf('/') < 0 ? session : session.substring(0, session.indexOf('/'));
                put("aws:PrincipalArn", "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + role);
                put("aws:PrincipalType", "AssumedRole");
            }
            else {
                put("aws:PrincipalArn", arn);
                if (resource.equals("root")) {
                    put("aws:PrincipalType", "Account");
                }
                else if (resource.startsWith("user/")) {
                    put("aws:PrincipalType", "User");
                }
                else if (resource.startsWith("federated-user/")) {
                    put("aws:PrincipalType", "FederatedUser");
                }
            }
        }

        public Builder principalTag(String tagKey, String tagValue)
        {
            return put("aws:PrincipalTag/" + tagKey, tagValue);
        }

        /** A tag the request sets: {@code aws:RequestTag/<key>}, and the key joins {@code aws:TagKeys}. */
        public Builder requestTag(String tagKey, String tagValue)
        {
            put("aws:RequestTag/" + tagKey, tagValue);
            List<String> keys = new ArrayList<>(values.getOrDefault(normalize("aws:TagKeys"), List.of()));
            if (!keys.contains(tagKey)) {
                keys.add(tagKey);
            }
            return put("aws:TagKeys", keys);
        }

        public Builder resourceTag(String tagKey, String tagValue)
        {
            return put("aws:ResourceTag/" + tagKey, tagValue);
        }

        /** {@code aws:TagKeys} outright, for requests that name tag keys without values (UntagResource). */
        public Builder tagKeys(List<String> tagKeys)
        {
            return put("aws:TagKeys", tagKeys);
        }

        public Builder sourceIp(String address)
        {
            return put("aws:SourceIp", address);
        }

        /** {@code aws:CurrentTime} (ISO-8601, UTC) and {@code aws:EpochTime} (seconds), from the caller's clock. */
        public Builder currentTime(Instant now)
        {
            put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now));
            return put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        }

        public Builder secureTransport(boolean secure)
        {
            return put("aws:SecureTransport", Boolean.toString(secure));
        }

        public Builder username(String username)
        {
            return put("aws:username", username);
        }

        public Builder userid(String userid)
        {
            return put("aws:userid", userid);
        }

        /** {@code iam:PassedToService}: the service a role is passed to, in {@code iam:PassRole}. */
        public Builder passedToService(String service)
        {
            return put("iam:PassedToService", service);
        }

        public ConditionKeys build()
        {
            return new ConditionKeys(values);
        }
    }
}
