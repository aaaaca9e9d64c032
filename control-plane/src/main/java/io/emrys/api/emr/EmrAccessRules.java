package io.emrys.api.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.access.AccessRequest;
import io.emrys.api.access.AccessRules;
import io.emrys.api.protocol.OperationCall;
import io.emrys.common.Account;

import java.util.ArrayList;
import java.util.List;

/**
 * The EMR API's permissions: {@code elasticmapreduce:<Operation>} on each cluster the input names
 * ({@code arn:aws:elasticmapreduce:<region>:<account>:cluster/<id>}), on {@code *} for RunJobFlow and the listings;
 * RunJobFlow also needs {@code iam:PassRole} on its service role and instance role. Request tags become
 * {@code aws:RequestTag/...} and {@code aws:TagKeys}.
 */
public final class EmrAccessRules
        implements AccessRules
{
    private final Account account;

    public EmrAccessRules(Account account)
    {
        this.account = requireNonNull(account, "account is null");
    }

    @Override
    public List<AccessRequest> required(OperationCall call)
    {
        ObjectNode input = call.input();
        String action = "elasticmapreduce:" + call.operationName();
        List<String> clusters = new ArrayList<>();
        for (String member : List.of("ClusterId", "ResourceId", "JobFlowId")) {
            if (input.hasNonNull(member)) {
                clusters.add(input.get(member).asText());
            }
        }
        input.path("JobFlowIds").forEach(id -> clusters.add(id.asText()));
        List<AccessRequest> required = new ArrayList<>();
        List<String> tagKeys = new ArrayList<>();
        input.path("Tags").forEach(tag -> tagKeys.add(tag.path("Key").asText()));
        input.path("TagKeys").forEach(key -> tagKeys.add(key.asText()));
        if (clusters.isEmpty()) {
            required.add(new AccessRequest(action, "*", keys -> tags(input, tagKeys, keys)));
        }
        for (String cluster : clusters) {
            required.add(new AccessRequest(action, arn(cluster), keys -> tags(input, tagKeys, keys)));
        }
        if (call.operationName().equals("RunJobFlow")) {
            role(input.path("ServiceRole")).ifPresent(role -> required.add(new AccessRequest("iam:PassRole", role,
                    keys -> keys.passedToService("elasticmapreduce.amazonaws.com"))));
            role(input.path("JobFlowRole")).ifPresent(role -> required.add(new AccessRequest("iam:PassRole", role,
                    keys -> keys.passedToService("ec2.amazonaws.com"))));
        }
        return required;
    }

    private static void tags(ObjectNode input, List<String> tagKeys, io.emrys.iam.policy.ConditionKeys.Builder keys)
    {
        input.path("Tags").forEach(tag -> keys.requestTag(tag.path("Key").asText(), tag.path("Value").asText()));
        if (!tagKeys.isEmpty()) {
            keys.tagKeys(tagKeys);
        }
    }

    /** A role by ARN or by name (EMR_DefaultRole), as its ARN in this account. */
    private java.util.Optional<String> role(JsonNode value)
    {
        if (!value.isTextual() || value.asText().isBlank()) {
            return java.util.Optional.empty();
        }
        String role = value.asText();
        return java.util.Optional.of(role.startsWith("arn:") ? role : "arn:aws:iam::" + account.accountId() + ":role/" + role);
    }

    private String arn(String clusterId)
    {
        return "arn:aws:elasticmapreduce:%s:%s:cluster/%s".formatted(account.region(), account.accountId(), clusterId);
    }
}
